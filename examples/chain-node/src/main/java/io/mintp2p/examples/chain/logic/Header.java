package io.mintp2p.examples.chain.logic;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A block header: parent, height, the proof-of-work target in leading zero bits ({@code work}), a
 * nonce and the payload's hash. Its {@link #hash()} is SHA-256 of those fields (computed once, here);
 * a header proves its work when that hash has at least {@code work} leading zero bits, and adds
 * {@code 2^work} to its chain's cumulative work. Immutable and thread-safe.
 */
public final class Header {
    private final Hash parent;
    private final long height;
    private final int work;
    private final long nonce;
    private final Hash payloadHash;
    private final Hash hash;

    /** A header as sent or mined; nothing is checked here ({@link Chain} validates). */
    public Header(Hash parent, long height, int work, long nonce, Hash payloadHash) {
        this.parent = Objects.requireNonNull(parent, "parent");
        this.height = height;
        this.work = work;
        this.nonce = nonce;
        this.payloadHash = Objects.requireNonNull(payloadHash, "payloadHash");
        ByteBuffer b = ByteBuffer.allocate(Hash.LENGTH * 2 + 8 + 1 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(parent.bytes()).putLong(height).put((byte) work).putLong(nonce).put(payloadHash.bytes());
        this.hash = Hash.sha256(b.array());
    }

    /** The hash of the block this one builds on. */
    public Hash parent() {
        return parent;
    }

    /** Genesis is 0; a block is its parent's height plus one. */
    public long height() {
        return height;
    }

    /** The proof-of-work target: leading zero bits the hash must show (0-255; the chain accepts a narrower range). */
    public int work() {
        return work;
    }

    /** What the miner varied to make the hash show the work. */
    public long nonce() {
        return nonce;
    }

    /** SHA-256 of the block's payload. */
    public Hash payloadHash() {
        return payloadHash;
    }

    /** SHA-256 of the header's fields. */
    public Hash hash() {
        return hash;
    }

    /** Whether the hash shows the work the header claims. */
    public boolean provesWork() {
        return hash.leadingZeroBits() >= work;
    }

    /** Headers are equal when their hashes are (the hash covers every field). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Header h && h.hash.equals(hash);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "#" + height + " " + hash.shortHex() + " (work " + work + ")";
    }
}
