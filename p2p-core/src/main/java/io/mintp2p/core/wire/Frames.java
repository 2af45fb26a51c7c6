package io.mintp2p.core.wire;

import io.netty.buffer.ByteBuf;

/** The stream framing of WIRE.md 2: a u32 little-endian payload length (not counting itself), then the payload. */
public final class Frames {
    /** The length header's size, 4 bytes. */
    public static final int HEADER_BYTES = WireLimits.FRAME_HEADER_BYTES;

    private Frames() {
    }

    /**
     * Writes a frame's length header. Any thread.
     *
     * @param out           the buffer to append to
     * @param payloadLength the payload's length, the header excluded
     */
    public static void writeHeader(ByteBuf out, int payloadLength) {
        out.writeIntLE(payloadLength);
    }

    /**
     * Reads the announced payload length as an unsigned value (it may exceed {@code int}). Any thread.
     *
     * @param in a buffer with at least {@link #HEADER_BYTES} readable bytes; its reader index moves past the header
     * @return the length, 0 to 2^32-1
     */
    public static long readLength(ByteBuf in) {
        return in.readUnsignedIntLE();
    }

    /**
     * True when an announced length is over the limit and the frame must be refused unread. Any thread.
     *
     * @param announcedLength the length the header announced
     * @return true over {@link WireLimits#MAX_FRAME_PAYLOAD}
     */
    public static boolean isOversized(long announcedLength) {
        return announcedLength > WireLimits.MAX_FRAME_PAYLOAD;
    }
}
