package io.mintp2p.core.fuzz;

import io.mintp2p.core.wire.Frames;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a byte stream into frame payloads with core's {@link Frames}, as p2p-transport-tcp's
 * FrameHandler does: wait for the 4-byte u32-LE header, refuse an oversized length before any body
 * byte, emit the payload once it is complete. Core has no stream splitter of its own, so the frame
 * target drives {@code Frames} through this one.
 */
final class FrameSplitter implements AutoCloseable {
    private final ByteBuf cumulation = CodecChecks.ALLOC.heapBuffer();
    private long refusedLength = -1;

    /** Appends a chunk and returns the payloads it completed: retained slices the caller must release. */
    List<ByteBuf> offer(byte[] chunk) {
        List<ByteBuf> payloads = new ArrayList<>();
        if (refused()) {
            return payloads;
        }
        cumulation.writeBytes(chunk);
        while (cumulation.readableBytes() >= Frames.HEADER_BYTES) {
            long length = Frames.readLength(cumulation.duplicate());
            if (Frames.isOversized(length)) {
                refusedLength = length;
                cumulation.skipBytes(cumulation.readableBytes());
                return payloads;
            }
            if (cumulation.readableBytes() < Frames.HEADER_BYTES + length) {
                return payloads;
            }
            cumulation.skipBytes(Frames.HEADER_BYTES);
            payloads.add(cumulation.readRetainedSlice((int) length));
        }
        return payloads;
    }

    boolean refused() {
        return refusedLength >= 0;
    }

    long refusedLength() {
        return refusedLength;
    }

    /** Bytes received but not yet part of an emitted frame; none once refused, as everything after is dropped. */
    int pending() {
        return cumulation.readableBytes();
    }

    /** Releases the buffer; false when an emitted payload still holds a reference to it. */
    boolean release() {
        return cumulation.release();
    }

    @Override
    public void close() {
        if (cumulation.refCnt() > 0) {
            cumulation.release(cumulation.refCnt());
        }
    }
}
