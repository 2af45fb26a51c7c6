package io.mintp2p.core.wire;

import io.netty.buffer.ByteBuf;

/** The stream framing of WIRE.md 2: a u32 little-endian payload length (not counting itself), then the payload. */
public final class Frames {
    public static final int HEADER_BYTES = WireLimits.FRAME_HEADER_BYTES;

    private Frames() {
    }

    public static void writeHeader(ByteBuf out, int payloadLength) {
        out.writeIntLE(payloadLength);
    }

    /** Reads the announced payload length as an unsigned value (it may exceed {@code int}). */
    public static long readLength(ByteBuf in) {
        return in.readUnsignedIntLE();
    }

    /** True when an announced length is over the limit and the frame must be refused unread. */
    public static boolean isOversized(long announcedLength) {
        return announcedLength > WireLimits.MAX_FRAME_PAYLOAD;
    }
}
