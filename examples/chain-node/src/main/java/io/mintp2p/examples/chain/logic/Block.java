package io.mintp2p.examples.chain.logic;

import java.util.Arrays;
import java.util.Objects;

/**
 * A header and its payload (opaque bytes whose SHA-256 the header carries). Immutable: the payload
 * is copied in and out.
 */
public final class Block {
    /** The largest payload a block may carry. */
    public static final int MAX_PAYLOAD = 256;

    private final Header header;
    private final byte[] payload;

    /** A block of {@code header} and {@code payload} (copied); nothing is checked here ({@link Chain} validates). */
    public Block(Header header, byte[] payload) {
        this.header = Objects.requireNonNull(header, "header");
        this.payload = payload.clone();
    }

    /** The block's header. */
    public Header header() {
        return header;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payload.clone();
    }

    /** The header's hash. */
    public Hash hash() {
        return header.hash();
    }

    /** Whether the payload is within bounds and is what the header says it is. */
    public boolean payloadMatches() {
        return payload.length <= MAX_PAYLOAD && Hash.sha256(payload).equals(header.payloadHash());
    }

    /** Blocks are equal when their headers and payloads are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Block b && b.header.equals(header) && Arrays.equals(b.payload, payload);
    }

    @Override
    public int hashCode() {
        return header.hashCode();
    }

    @Override
    public String toString() {
        return header.toString();
    }
}
