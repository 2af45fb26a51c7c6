package io.mintp2p.attack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Opens a blocking client socket from a chosen source address: plain TCP or TLS. */
@FunctionalInterface
public interface Dialer {
    Socket open(InetSocketAddress target, InetAddress source, int timeoutMillis) throws IOException;

    /** Plain TCP. */
    static Dialer plain() {
        return plain(0);
    }

    /** Plain TCP with a receive buffer asked for before connecting (0 = system default). */
    static Dialer plain(int receiveBufferBytes) {
        return (target, source, timeoutMillis) -> {
            Socket s = new Socket();
            try {
                if (receiveBufferBytes > 0) {
                    s.setReceiveBufferSize(receiveBufferBytes);
                }
                s.setTcpNoDelay(true);
                s.bind(new InetSocketAddress(source, 0));
                s.connect(target, timeoutMillis);
                return s;
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        };
    }
}
