package io.mintp2p.transport.noise;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The smallest SOCKS5 proxy (RFC 1928) the tests need, on 127.0.0.1: no authentication, CONNECT to an IPv4 address
 * or a host name, then bytes relayed both ways, each connection on its own threads. It records the targets asked
 * for, so a test can see that the client handed over the name unresolved. Threads of its own; {@link #close} stops
 * accepting and closes every relayed socket.
 */
final class MiniSocks5 implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** The targets clients asked for, as {@code host:port}. */
    final List<String> targets = new CopyOnWriteArrayList<>();

    MiniSocks5() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::accept, "mini-socks5");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread t = new Thread(() -> serve(client), "mini-socks5-client");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            in.readUnsignedByte(); // version 5
            in.readNBytes(in.readUnsignedByte()); // offered methods
            out.write(new byte[] {5, 0}); // no authentication
            in.readNBytes(3); // version, CONNECT, reserved
            String host = switch (in.readUnsignedByte()) {
                case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
                case 3 -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
                default -> throw new IOException("address type not supported here");
            };
            int port = in.readUnsignedShort();
            targets.add(host + ":" + port);
            Socket target = new Socket(host, port);
            sockets.add(target);
            out.write(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
            out.flush();
            Thread back = new Thread(() -> relay(target, client), "mini-socks5-relay");
            back.setDaemon(true);
            back.start();
            relay(client, target);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private static void relay(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // either side went away: the other follows
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(MiniSocks5::closeQuietly);
    }
}
