package io.mintp2p.transport.tor;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.Listener;
import io.mintp2p.core.transport.Transport;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.transport.tcp.TcpOptions;
import io.mintp2p.transport.tcp.TcpTransport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Frame round trips over an onion service and over loopback TCP, measured the same way. */
@ExtendWith(TorNetworkExtension.class)
class TorRoundTripTest {
    private static final int ROUNDS = 30;

    /** Echoes every frame back. */
    private static final class Echo implements ConnectionHandler {
        @Override
        public void onOpen(Connection connection) {
        }

        @Override
        public void onFrame(Connection connection, ByteBuf payload) {
            connection.send(payload);
        }

        @Override
        public void onClosed(Connection connection, CloseReason reason) {
        }
    }

    /** Hands received frames to the test thread. */
    private static final class Inbox implements ConnectionHandler {
        final LinkedBlockingQueue<Integer> frames = new LinkedBlockingQueue<>();

        @Override
        public void onOpen(Connection connection) {
        }

        @Override
        public void onFrame(Connection connection, ByteBuf payload) {
            frames.add(payload.readInt());
            payload.release();
        }

        @Override
        public void onClosed(Connection connection, CloseReason reason) {
        }
    }

    /** Median round trip in microseconds, after the connection exists. */
    private static long medianRoundTripMicros(Transport server, Transport client, TransportAddress bind) throws Exception {
        Listener listener = server.listen(bind, new Echo()).get(90, TimeUnit.SECONDS);
        Inbox inbox = new Inbox();
        Connection c = client.dial(listener.localAddress(), inbox).get(90, TimeUnit.SECONDS);
        long[] micros = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long t0 = System.nanoTime();
            c.send(Unpooled.buffer(64).writeInt(i).writeZero(60));
            assertThat(inbox.frames.poll(30, TimeUnit.SECONDS)).isEqualTo(i);
            micros[i] = (System.nanoTime() - t0) / 1000;
        }
        Arrays.sort(micros);
        return micros[ROUNDS / 2];
    }

    @Test
    void framesRoundTripOverAnOnionServiceAndOverTcp() throws Exception {
        long onion;
        long tcp;
        try (TorTransport server = new TorTransport(TcpOptions.defaults(), TorNetworkExtension.options(null));
             TorTransport client = new TorTransport(TcpOptions.defaults(), TorNetworkExtension.options(null))) {
            onion = medianRoundTripMicros(server, client, TransportAddress.of("tor", "127.0.0.1", 13031));
        }
        try (TcpTransport server = new TcpTransport(TcpOptions.defaults());
             TcpTransport client = new TcpTransport(TcpOptions.defaults())) {
            tcp = medianRoundTripMicros(server, client, TransportAddress.of("tcp", "127.0.0.1", 0));
        }
        System.out.printf("median frame round trip over %d rounds: onion %.2f ms, loopback TCP %.3f ms%n", ROUNDS,
                onion / 1000.0, tcp / 1000.0);
        assertThat(onion).as("six relays' hops and back cost more than loopback").isGreaterThan(tcp);
    }
}
