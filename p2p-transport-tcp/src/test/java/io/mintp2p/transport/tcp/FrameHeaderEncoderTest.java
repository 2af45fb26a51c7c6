package io.mintp2p.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.wire.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The u32-LE length goes in front of each payload: in the room the codec left, or in a header of its own. */
class FrameHeaderEncoderTest {
    @Test
    void aPayloadWithRoomInFrontBecomesAFrameInTheSameBuffer() {
        EmbeddedChannel ch = new EmbeddedChannel(FrameHeaderEncoder.INSTANCE);
        ByteBuf payload = Unpooled.buffer(16).writerIndex(Frames.HEADER_BYTES).readerIndex(Frames.HEADER_BYTES);
        payload.writeBytes(new byte[] {1, 2, 3});
        ch.writeOutbound(payload);
        ByteBuf frame = ch.readOutbound();
        assertThat(frame).isSameAs(payload);
        assertThat(ByteBufUtil.hexDump(frame)).isEqualTo("03000000010203");
        frame.release();
    }

    @Test
    void aPayloadWithoutRoomGetsAHeaderOfItsOwn() {
        EmbeddedChannel ch = new EmbeddedChannel(FrameHeaderEncoder.INSTANCE);
        ch.writeOutbound(Unpooled.wrappedBuffer(HexFormat.of().parseHex("0a0b")));
        ByteBuf frame = ch.readOutbound();
        assertThat(ByteBufUtil.hexDump(frame)).isEqualTo("020000000a0b");
        frame.release();
    }

    @Test
    void viewsOfOneBroadcastBufferEachBecomeTheSameFrame() {
        ByteBuf shared = Unpooled.buffer(16).writerIndex(Frames.HEADER_BYTES).readerIndex(Frames.HEADER_BYTES);
        shared.writeBytes(new byte[] {7, 7});
        EmbeddedChannel one = new EmbeddedChannel(FrameHeaderEncoder.INSTANCE);
        EmbeddedChannel two = new EmbeddedChannel(FrameHeaderEncoder.INSTANCE);
        one.writeOutbound(shared.retainedDuplicate());
        two.writeOutbound(shared.retainedDuplicate());
        ByteBuf first = one.readOutbound();
        ByteBuf second = two.readOutbound();
        assertThat(ByteBufUtil.hexDump(first)).isEqualTo("020000000707");
        assertThat(ByteBufUtil.hexDump(second)).isEqualTo("020000000707");
        assertThat(shared.readerIndex()).as("the original's view is left alone").isEqualTo(Frames.HEADER_BYTES);
        first.release();
        second.release();
        shared.release();
    }
}
