package io.mintp2p.bench.raw;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The baseline's record layer between two in-memory channels: writes between flushes are packed into
 * as few records as fit (65 519 plaintext bytes each), the stream comes out whole on the other side,
 * and a record whose tag fails closes the channel.
 */
class RawNoiseHandlerTest {
    private final EmbeddedChannel client = new EmbeddedChannel(new RawNoiseHandler(true, NoiseAead.Engine.JDK));
    private final EmbeddedChannel server = new EmbeddedChannel(new RawNoiseHandler(false, NoiseAead.Engine.JDK));

    /** Moves every outbound buffer of {@code from} into {@code to}; returns the buffers' sizes. */
    private static List<Integer> shuttle(EmbeddedChannel from, EmbeddedChannel to) {
        List<Integer> sizes = new ArrayList<>();
        ByteBuf b;
        while ((b = from.readOutbound()) != null) {
            sizes.add(b.readableBytes());
            to.writeInbound(b);
        }
        return sizes;
    }

    private void handshake() {
        assertThat(shuttle(client, server)).containsExactly(2 + 32);
        assertThat(shuttle(server, client)).containsExactly(2 + 96);
        assertThat(shuttle(client, server)).containsExactly(2 + 64);
        assertThat(client.pipeline().get(RawNoiseHandler.class).handshakeFuture()).isCompleted();
        assertThat(server.pipeline().get(RawNoiseHandler.class).handshakeFuture()).isCompleted();
    }

    private static byte[] received(EmbeddedChannel ch) {
        ByteBuf all = Unpooled.buffer();
        ByteBuf b;
        while ((b = ch.readInbound()) != null) {
            all.writeBytes(b);
            b.release();
        }
        byte[] out = new byte[all.readableBytes()];
        all.readBytes(out);
        return out;
    }

    @Test
    void framesBetweenFlushesShareRecords() {
        handshake();
        byte[] stream = new byte[100_000];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = (byte) (i * 31);
        }
        for (int off = 0; off < stream.length; off += 1000) {
            client.write(Unpooled.wrappedBuffer(stream, off, 1000));
        }
        client.flush();
        int first = RawNoiseHandler.MAX_PLAINTEXT;
        assertThat(shuttle(client, server)).containsExactly(2 + first + 16, 2 + (stream.length - first) + 16);
        assertThat(received(server)).isEqualTo(stream);
    }

    @Test
    void writesBeforeTheHandshakeWaitForIt() {
        client.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        shuttle(client, server);
        shuttle(server, client);
        // As the Mintlayer initiator's Hello: the waiting record leaves right behind message 3.
        assertThat(shuttle(client, server)).containsExactly(2 + 64, 2 + 3 + 16);
        assertThat(received(server)).containsExactly(1, 2, 3);
    }

    @Test
    void aBadTagClosesTheChannel() {
        handshake();
        client.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        ByteBuf record = client.readOutbound();
        record.setByte(4, record.getByte(4) ^ 1);
        server.writeInbound(record);
        assertThat(server.isOpen()).isFalse();
        assertThat(received(server)).isEmpty();
    }
}
