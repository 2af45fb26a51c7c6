package io.mintp2p.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bodies of {@link MessageType#ofBytesView}: views of the frame, the same bytes on the wire as a byte[] body, never leaked. */
class BytesViewTest {
    private static final MessageType<ByteBuf> VIEW = MessageType.ofBytesView(64, "view", ServiceFlags.application(16), 1000);
    private static final MessageType<byte[]> ARRAY = MessageType.of(64, "array", ServiceFlags.application(16),
            (b, w) -> w.bytes(b), r -> r.bytes(1000));
    private final MessageCodec viewCodec = new MessageCodec(MessageRegistry.builder().registerAll(List.of(VIEW)).build());
    private final MessageCodec arrayCodec = new MessageCodec(MessageRegistry.builder().registerAll(List.of(ARRAY)).build());

    @Test
    void aViewSharesTheFramesMemoryAndHoldsItUntilReleased() throws DecodeException {
        ByteBuf frame = arrayCodec.encode(ARRAY.message(new byte[] {1, 2, 3, 4, 5}), ByteBufAllocator.DEFAULT);
        AppMessage<?> decoded = (AppMessage<?>) viewCodec.decode(frame);
        ByteBuf body = (ByteBuf) decoded.body();
        assertThat(io.netty.buffer.ByteBufUtil.getBytes(body)).containsExactly(1, 2, 3, 4, 5);

        frame.setByte(frame.readerIndex() + 2, 42); // type byte, compact length, then the body
        assertThat(body.getByte(body.readerIndex())).as("a view, not a copy").isEqualTo((byte) 42);

        frame.release();
        assertThat(body.refCnt()).as("the view keeps the frame alive").isPositive();
        decoded.releaseBody();
        assertThat(frame.refCnt()).isZero();
    }

    @Test
    void aSentViewGoesOutAsTheSameBytesAsAnArrayAndStaysTheCallers() throws DecodeException {
        ByteBuf body = Unpooled.wrappedBuffer(new byte[] {0, 9, 8, 7}).skipBytes(1);
        ByteBuf fromView = viewCodec.encode(VIEW.message(body), ByteBufAllocator.DEFAULT);
        ByteBuf fromArray = arrayCodec.encode(ARRAY.message(new byte[] {9, 8, 7}), ByteBufAllocator.DEFAULT);
        try {
            assertThat(fromView).isEqualTo(fromArray);
            assertThat(body.refCnt()).isEqualTo(1);
            assertThat(body.readerIndex()).as("the caller's indexes are left alone").isEqualTo(1);
            assertThat((byte[]) ((AppMessage<?>) arrayCodec.decode(fromView)).body()).containsExactly(9, 8, 7);
        } finally {
            fromView.release();
            fromArray.release();
        }
    }

    @Test
    void trailingBytesFailTheDecodeWithoutLeakingTheView() {
        ByteBuf frame = arrayCodec.encode(ARRAY.message(new byte[] {1, 2}), ByteBufAllocator.DEFAULT);
        frame.writeByte(0);
        assertThatThrownBy(() -> viewCodec.decode(frame)).isInstanceOf(DecodeException.class);
        assertThat(frame.refCnt()).as("only the caller's reference is left").isEqualTo(1);
        frame.release();
    }

    @Test
    void aLengthOverTheLimitOrBeyondTheFrameIsADecodeException() {
        ByteBuf tooLong = Unpooled.buffer().writeByte(64);
        new ScaleWriter(tooLong).compact(1001);
        tooLong.writeZero(1001);
        assertThatThrownBy(() -> viewCodec.decode(tooLong)).isInstanceOf(DecodeException.class).hasMessageContaining("limit");
        ByteBuf truncated = Unpooled.buffer().writeByte(64);
        new ScaleWriter(truncated).compact(10);
        truncated.writeZero(3);
        assertThatThrownBy(() -> viewCodec.decode(truncated)).isInstanceOf(DecodeException.class);
        assertThat(tooLong.refCnt()).isEqualTo(1);
        assertThat(truncated.refCnt()).isEqualTo(1);
    }
}
