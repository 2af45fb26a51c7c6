package io.mintp2p.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.Listener;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.testkit.transport.RecordingHandler;
import io.mintp2p.core.wire.Frames;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a connection reports without keeping per-connection objects for it: bytes are counted by the
 * event loop as frames are written and read, and the local address is asked of the channel.
 */
class ConnectionCountersTest {
    private final TcpTransport server = new TcpTransport(TcpOptions.defaults());
    private final TcpTransport client = new TcpTransport(TcpOptions.defaults());

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    @Test
    void bytesAreCountedWithHeadersOnBothSidesAndTheLocalAddressIsTheSocketsOwn() throws Exception {
        RecordingHandler accepted = new RecordingHandler();
        Listener listener = server.listen(TransportAddress.parse("tcp://127.0.0.1:0"), accepted).get(10, TimeUnit.SECONDS);
        Connection dialer = client.dial(listener.localAddress(), new RecordingHandler()).get(10, TimeUnit.SECONDS);
        await().atMost(10, TimeUnit.SECONDS).until(() -> accepted.opened.size() == 1);
        Connection acceptor = accepted.opened.get(0);

        dialer.send(Unpooled.wrappedBuffer(new byte[10])).get(10, TimeUnit.SECONDS);
        dialer.send(Unpooled.wrappedBuffer(new byte[3])).get(10, TimeUnit.SECONDS);
        await().atMost(10, TimeUnit.SECONDS).until(() -> accepted.frames.size() == 2);

        long expected = 2L * Frames.HEADER_BYTES + 10 + 3;
        assertThat(dialer.bytesOut()).isEqualTo(expected);
        assertThat(acceptor.bytesIn()).isEqualTo(expected);
        assertThat(dialer.bytesIn()).isZero();
        assertThat(acceptor.bytesOut()).isZero();
        assertThat(acceptor.local()).isEqualTo(TransportAddress.of("tcp", "127.0.0.1", listener.localAddress().port()));
        assertThat(dialer.local().port()).isEqualTo(acceptor.remote().port());
    }
}
