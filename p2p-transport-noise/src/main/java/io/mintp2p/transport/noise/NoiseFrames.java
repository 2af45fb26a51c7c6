package io.mintp2p.transport.noise;

import io.netty.buffer.ByteBuf;

/**
 * The Mintlayer node's framing of Noise messages: every message, handshake ones included, follows a 2-byte
 * little-endian length (not libp2p's big-endian). Stateless; any thread.
 */
final class NoiseFrames {
    /** Bytes of the length before each message. */
    static final int LENGTH_BYTES = 2;
    /** The largest length two bytes can say. */
    static final int MAX_LENGTH = 0xFFFF;

    private NoiseFrames() {
    }

    /** Appends {@code n} (0 to 65535) as a u16 little-endian to {@code out}. */
    static void writeLength(ByteBuf out, int n) {
        if (n < 0 || n > MAX_LENGTH) {
            throw new IllegalArgumentException("a Noise message length is 0 to 65535, not " + n);
        }
        out.writeShortLE(n);
    }

    /** The u16 little-endian at {@code in}'s index {@code at} (does not move the reader index). */
    static int lengthAt(ByteBuf in, int at) {
        return in.getUnsignedShortLE(at);
    }
}
