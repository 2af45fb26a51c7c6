package io.mintp2p.transport.tcp;

import io.mintp2p.core.wire.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Puts the u32-LE payload length in front of each outgoing payload (WIRE.md 2). The node's codec
 * leaves room for it in front of the payload, so the header is written there and a frame goes out
 * as one buffer (one iovec); a payload without room gets a composite of header and payload.
 * <p>
 * A broadcast sends views of one buffer to many connections: each writes the same four bytes into
 * the shared room, from its own event loop. The race is benign, every writer writes the same value.
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
}
