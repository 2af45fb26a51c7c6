package io.mintp2p.attack;

import io.mintp2p.core.wire.DecodeException;
import io.mintp2p.core.wire.HelloAck;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.WillDisconnect;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

/** Opens a connection and completes Hello/HelloAck, for attackers that misbehave after the handshake. */
public final class HandshakenPeer {
    private HandshakenPeer() {
    }

    /**
     * @return the framed socket right after HelloAck
     * @throws IOException when the node refuses, closes, or does not answer within {@code timeoutMillis}
     */
    public static WireSocket open(InetSocketAddress node, InetAddress source, long services, Dialer dialer,
                                  MessageCodec codec, int timeoutMillis) throws IOException {
        WireSocket wire = new WireSocket(dialer.open(node, source, timeoutMillis), codec);
        try {
            wire.send(Hellos.hello(node, services));
            long end = System.nanoTime() + timeoutMillis * 1_000_000L;
            while (true) {
                long left = (end - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new SocketTimeoutException("no HelloAck");
                }
                Message m = wire.read((int) left);
                if (m instanceof HelloAck) {
                    return wire;
                }
                if (m instanceof WillDisconnect w) {
                    throw new IOException("refused: " + w.reason());
                }
            }
        } catch (IOException | DecodeException | RuntimeException e) {
            wire.close();
            throw e instanceof IOException io ? io : new IOException(e.toString(), e);
        }
    }

    /** Reads and drops whatever the node sent so far, without blocking. */
    public static void drain(WireSocket wire) throws IOException {
        InputStream in = wire.socket().getInputStream();
        int available = in.available();
        if (available > 0) {
            in.skip(available);
        }
    }
}
