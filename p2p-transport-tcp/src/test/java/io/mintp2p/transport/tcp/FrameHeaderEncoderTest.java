package io.mintp2p.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.wire.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The u32-LE length goes in front of each payload: in the room the codec left, or in a header of its own. */
class FrameHeaderEncoderTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    @Test
    void aPayloadWithRoomInFrontBecomesAFrameInTheSameBuffer() {
        ByteBuf payload = Unpooled.buffer(16).writerIndex(Frames.HEADER_BYTES).readerIndex(Frames.HEADER_BYTES);
        payload.writeBytes(new byte[] {1, 2, 3});
        ByteBuf frame = FrameHeaderEncoder.frame(ALLOC, payload);
        assertThat(frame).isSameAs(payload);
        assertThat(ByteBufUtil.hexDump(frame)).isEqualTo("03000000010203");
        frame.release();
    }

    @Test
    void aPayloadWithoutRoomGetsAHeaderOfItsOwn() {
        ByteBuf frame = FrameHeaderEncoder.frame(ALLOC, Unpooled.wrappedBuffer(HexFormat.of().parseHex("0a0b")));
        assertThat(ByteBufUtil.hexDump(frame)).isEqualTo("020000000a0b");
        frame.release();
    }

    @Test
    void viewsOfOneBroadcastBufferEachBecomeTheSameFrame() {
        ByteBuf shared = Unpooled.buffer(16).writerIndex(Frames.HEADER_BYTES).readerIndex(Frames.HEADER_BYTES);
        shared.writeBytes(new byte[] {7, 7});
        ByteBuf first = FrameHeaderEncoder.frame(ALLOC, shared.retainedDuplicate());
        ByteBuf second = FrameHeaderEncoder.frame(ALLOC, shared.retainedDuplicate());
        assertThat(ByteBufUtil.hexDump(first)).isEqualTo("020000000707");
        assertThat(ByteBufUtil.hexDump(second)).isEqualTo("020000000707");
        assertThat(shared.readerIndex()).as("the original's view is left alone").isEqualTo(Frames.HEADER_BYTES);
        first.release();
        second.release();
        shared.release();
    }
}
