package io.mintp2p.examples.chain.logic;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A SHA-256 digest as a value (equality by content, unsigned order for fork-choice tie-breaks).
 * Immutable and thread-safe; nothing here blocks.
 */
public final class Hash implements Comparable<Hash> {
    /** Length in bytes. */
    public static final int LENGTH = 32;
    /** All zero: the genesis block's parent. */
    public static final Hash ZERO = new Hash(new byte[LENGTH]);

    private final byte[] bytes;

    /**
     * The hash with these 32 bytes (copied).
     *
     * @throws IllegalArgumentException if there are not exactly 32
     */
    public Hash(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a hash has " + LENGTH + " bytes, got " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    /** SHA-256 of {@code data}. */
    public static Hash sha256(byte[] data) {
        try {
            return new Hash(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** How many leading bits are zero (0-256): the proof of work a header's hash shows. */
    public int leadingZeroBits() {
        for (int i = 0; i < LENGTH; i++) {
            if (bytes[i] != 0) {
                return i * 8 + Integer.numberOfLeadingZeros(bytes[i] & 0xFF) - 24;
            }
        }
        return LENGTH * 8;
    }

    @Override
    public int compareTo(Hash o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The first 8 bytes in hex, enough to tell tips apart in a log. */
    public String shortHex() {
        return HexFormat.of().formatHex(bytes, 0, 8);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
