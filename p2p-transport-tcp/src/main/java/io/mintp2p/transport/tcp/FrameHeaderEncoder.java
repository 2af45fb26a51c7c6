package io.mintp2p.transport.tcp;

import io.mintp2p.core.wire.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Puts the u32-LE payload length in front of each outgoing payload (WIRE.md 2). The node's codec
 * leaves room for it in front of the payload, so the header is written there and a frame goes out
 * as one buffer (one iovec); a payload without room gets a composite of header and payload.
 * <p>
 * A broadcast sends views of one buffer to many connections: each writes the same four bytes into
 * the shared room, from its own event loop. The race is benign, every writer writes the same value.
 */
@ChannelHandler.Sharable
final class FrameHeaderEncoder extends ChannelOutboundHandlerAdapter {
    static final FrameHeaderEncoder INSTANCE = new FrameHeaderEncoder();

    private FrameHeaderEncoder() {
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf payload)) {
            ctx.write(msg, promise);
            return;
        }
        int length = payload.readableBytes();
        int room = payload.readerIndex();
        if (room >= Frames.HEADER_BYTES && !payload.isReadOnly()) {
            payload.setIntLE(room - Frames.HEADER_BYTES, length);
            payload.readerIndex(room - Frames.HEADER_BYTES);
            ctx.write(payload, promise);
            return;
        }
        ByteBuf header = ctx.alloc().buffer(Frames.HEADER_BYTES).writeIntLE(length);
        ctx.write(ctx.alloc().compositeBuffer(2).addComponents(true, header, payload), promise);
    }
}
