package io.mintp2p.transport.tcp;

import io.mintp2p.core.wire.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Puts the u32-LE payload length in front of each outgoing payload (WIRE.md 2). The node's codec
 * leaves room for it in front of the payload, so the header is written there and a frame goes out
 * as one buffer (one iovec); a payload without room gets a composite of header and payload.
 * <p>
 * A broadcast sends views of one buffer to many connections: each writes the same four bytes into
 * the shared room, from its own event loop. The race is benign, every writer writes the same value.
 * <p>
 * {@link #write} is the {@link FrameHandler}'s outbound side: what the {@link Outbox} writes, framed
 * and counted. Event loop only; allocates nothing for a payload with room for its header.
 */
final class FrameHeaderEncoder {
    private FrameHeaderEncoder() {
    }

    /** The frame of {@code payload}, whose ownership passes to the result. */
    static ByteBuf frame(ByteBufAllocator alloc, ByteBuf payload) {
        int length = payload.readableBytes();
        int room = payload.readerIndex();
        if (room >= Frames.HEADER_BYTES && !payload.isReadOnly()) {
            payload.setIntLE(room - Frames.HEADER_BYTES, length);
            payload.readerIndex(room - Frames.HEADER_BYTES);
            return payload;
        }
        ByteBuf header = alloc.buffer(Frames.HEADER_BYTES).writeIntLE(length);
        return alloc.compositeBuffer(2).addComponents(true, header, payload);
    }

    /**
     * Event loop: passes {@code msg} on as bytes on the wire, counting them on {@code connection}: a
     * payload gets its header, {@link FramedBytes} are whole frames already, and the outbox's
     * {@link Outbox#WRITTEN_MARK} becomes an empty write whose promise completes after every write
     * before it. Anything else passes as it is.
     */
    static void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise, NettyConnection connection) {
        if (msg instanceof ByteBuf payload) {
            connection.countOut(Frames.HEADER_BYTES + payload.readableBytes());
            ctx.write(frame(ctx.alloc(), payload), promise);
        } else if (msg instanceof FramedBytes frames) {
            ByteBuf bytes = frames.content();
            connection.countOut(bytes.readableBytes());
            ctx.write(bytes, promise);
        } else if (msg == Outbox.WRITTEN_MARK) {
            ctx.write(Unpooled.EMPTY_BUFFER, promise);
        } else {
            ctx.write(msg, promise);
        }
    }
}
