package io.mintp2p.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.FastPathConnection;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.testkit.transport.RecordingHandler;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A close writes what was queued before it, then closes: every frame arrives whole, and nothing else
 * (the marker that tells the close when the writes are out puts no bytes on the wire).
 */
class CloseFlushTest {
    @Test
    void closeSendsEveryQueuedFrameAndNothingMore() throws Exception {
        TcpTransport client = new TcpTransport(TcpOptions.defaults());
        int frames = 300;
        int size = 1000;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Connection> dial = client.dial(TransportAddress.of("tcp", "127.0.0.1",
                    server.getLocalPort()), new RecordingHandler());
            try (Socket peer = server.accept()) {
                peer.setSoTimeout(10_000);
                FastPathConnection c = (FastPathConnection) dial.get(10, TimeUnit.SECONDS);
                for (int i = 0; i < frames; i++) {
                    byte[] body = new byte[size];
                    body[0] = (byte) i;
                    assertThat(c.enqueue(Unpooled.wrappedBuffer(body))).isEmpty();
                }
                c.close(CloseReason.of(DisconnectReason.MANUAL));

                DataInputStream in = new DataInputStream(peer.getInputStream());
                byte[] header = new byte[4];
                for (int i = 0; i < frames; i++) {
                    in.readFully(header);
                    assertThat(ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt()).as("frame %d", i).isEqualTo(size);
                    byte[] body = new byte[size];
                    in.readFully(body);
                    assertThat(body[0]).isEqualTo((byte) i);
                }
                assertThat(in.read()).as("end of stream right after the last frame").isEqualTo(-1);
            }
        } finally {
            client.close();
        }
    }

    /**
     * Frames the outbox holds back while the channel is over its high-water mark are released when
     * the peer goes away: nothing waits for a writability that will never come.
     */
    @Test
    void framesHeldForAPeerThatStopsReadingAreReleasedWhenItGoes() throws Exception {
        TcpTransport client = new TcpTransport(TcpOptions.defaults().withMaxQueuedBytes(8L << 20));
        java.util.List<io.netty.buffer.ByteBuf> sent = new java.util.ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RecordingHandler events = new RecordingHandler();
            CompletableFuture<Connection> dial = client.dial(TransportAddress.of("tcp", "127.0.0.1",
                    server.getLocalPort()), events);
            FastPathConnection c;
            try (Socket neverReads = server.accept()) {
                c = (FastPathConnection) dial.get(10, TimeUnit.SECONDS);
                for (int i = 0; i < 2000 && c.isWritable(); i++) {
                    io.netty.buffer.ByteBuf frame = Unpooled.wrappedBuffer(new byte[16 << 10]);
                    frame.retain(); // one reference for the test, to watch the transport let go of its own
                    sent.add(frame);
                    assertThat(c.enqueue(frame)).isEmpty();
                }
                assertThat(c.isWritable()).as("the peer does not read: the queue is over its mark").isFalse();
                neverReads.setSoLinger(true, 0); // a reset: the peer is gone
            }
            org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> !events.closes.isEmpty());
            org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                    assertThat(sent).as("the transport released every frame").allMatch(f -> f.refCnt() == 1));
        } finally {
            sent.forEach(io.netty.buffer.ByteBuf::release);
            client.close();
        }
    }
}
