package io.mintp2p.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.Listener;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.testkit.transport.RecordingHandler;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A paused connection really stops reading: the bytes pile up in the kernel until the sender
 * cannot write any more, nothing reaches the handler meanwhile, and everything arrives in order
 * once reading resumes. (Netty's decoder asks for more data when it decoded nothing; the read gate
 * must swallow that too.)
 */
class ReadBackpressureTest {
    private static final int FRAME = 1024;
    private final TcpTransport server = new TcpTransport(TcpOptions.defaults());
    private final RecordingHandler events = new RecordingHandler();
    private Listener listener;

    @BeforeEach
    void listen() throws Exception {
        listener = server.listen(TransportAddress.parse("tcp://127.0.0.1:0"), events).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    @Timeout(60)
    void pausedConnectionLeavesTheBytesInTheKernelUntilResumed() throws Exception {
        try (SocketChannel sender = SocketChannel.open(new InetSocketAddress("127.0.0.1", listener.localAddress().port()))) {
            await().atMost(10, TimeUnit.SECONDS).until(() -> events.opened.size() == 1);
            Connection c = events.opened.get(0);
            c.handshakeCompleted();
            c.pauseReading();
            CountDownLatch applied = new CountDownLatch(1);
            c.executor().execute(applied::countDown);
            assertThat(applied.await(10, TimeUnit.SECONDS)).isTrue();

            sender.configureBlocking(false);
            long written = writeUntilBlocked(sender, 256L << 20);
            assertThat(written).as("the sender is blocked long before 256 MiB").isLessThan(256L << 20);
            assertThat(events.frames).as("nothing was read while paused").isEmpty();
            assertThat(c.bytesIn()).isZero();

            c.resumeReading();
            long frames = written / (4 + FRAME);
            await().atMost(30, TimeUnit.SECONDS).until(() -> events.frames.size() >= frames);
            for (int i = 0; i < frames; i++) {
                assertThat(ByteBuffer.wrap(events.frames.get(i)).getInt()).isEqualTo(i);
            }
        }
    }

    @Test
    @Timeout(60)
    void aStrangersLargeSecondFrameIsNotBufferedBeforeTheHandshake() throws Exception {
        try (SocketChannel sender = SocketChannel.open()) {
            sender.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 64 * 1024);
            sender.connect(new InetSocketAddress("127.0.0.1", listener.localAddress().port()));
            int announced = 10 * 1024 * 1024 - 1;
            ByteBuffer start = ByteBuffer.allocate(4 + 16 + 4).order(ByteOrder.LITTLE_ENDIAN);
            start.putInt(16).put(new byte[16]).putInt(announced).flip();
            while (start.hasRemaining()) {
                sender.write(start);
            }
            await().atMost(10, TimeUnit.SECONDS).until(() -> events.frames.size() == 1);
            sender.configureBlocking(false);
            long written = 0;
            int refusals = 0;
            ByteBuffer body = ByteBuffer.allocate(64 * 1024);
            while (written < announced && refusals < 100) {
                body.clear();
                body.limit((int) Math.min(body.capacity(), announced - written));
                int w = sender.write(body);
                if (w == 0) {
                    refusals++;
                    Thread.sleep(5);
                } else {
                    refusals = 0;
                    written += w;
                }
            }
            assertThat(written).as("reading stopped at the header: the body stays in the kernel, not in our heap")
                    .isLessThan(announced);
            assertThat(events.frames).hasSize(1);
            assertThat(events.opened.get(0).isOpen()).isTrue();
        }
    }

    /** Writes whole frames numbered 0, 1, ... until the socket refuses more a hundred times in a row. */
    private static long writeUntilBlocked(SocketChannel sender, long cap) throws Exception {
        long written = 0;
        int refusals = 0;
        int n = 0;
        ByteBuffer frame = null;
        while (written < cap && refusals < 100) {
            if (frame == null || !frame.hasRemaining()) {
                frame = ByteBuffer.allocate(4 + FRAME).order(ByteOrder.LITTLE_ENDIAN).putInt(FRAME);
                frame.order(ByteOrder.BIG_ENDIAN).putInt(n++).position(0);
            }
            int w = sender.write(frame);
            if (w == 0) {
                refusals++;
                Thread.sleep(5);
            } else {
                refusals = 0;
                written += w;
            }
        }
        return written - (frame.hasRemaining() ? frame.position() : 0);
    }
}
