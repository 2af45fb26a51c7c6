package io.mintp2p.core.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A Tor v3 onion service's identity: its 32-byte ed25519 public key. The host name is
 * {@code base32(key | checksum | 0x03) + ".onion"} (56 characters before the dot) with
 * {@code checksum = SHA3-256(".onion checksum" | key | 0x03)[0..2]} (Tor's rend-spec-v3).
 */
public final class OnionV3 {
    /** The public key's length. */
    public static final int KEY_BYTES = 32;
    /** The host name's length before ".onion". */
    public static final int NAME_CHARS = 56;
    private static final byte VERSION = 3;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    private final byte[] key;

    private OnionV3(byte[] key) {
        this.key = key;
    }

    /**
     * The onion service of an ed25519 public key.
     *
     * @param publicKey 32 bytes; copied
     * @return the onion service
     * @throws IllegalArgumentException if the key is not 32 bytes
     */
    public static OnionV3 ofKey(byte[] publicKey) {
        if (publicKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("an onion v3 key is 32 bytes, got " + publicKey.length);
        }
        return new OnionV3(publicKey.clone());
    }

    /**
     * Whether {@code host} ends in ".onion" (valid or not): such a name must never go to DNS.
     *
     * @param host a host name
     * @return true for any name ending in ".onion", case-insensitively
     */
    public static boolean isOnionHost(String host) {
        return host.toLowerCase(Locale.ROOT).endsWith(".onion");
    }

    /**
     * Parses {@code <56 chars>.onion} (the ".onion" is optional), checking version and checksum.
     *
     * @param host the host name, any case
     * @return the onion service
     * @throws IllegalArgumentException on a wrong length, a non-base32 character, a version other than 3 or a bad checksum
     */
    public static OnionV3 parse(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".onion")) {
            name = name.substring(0, name.length() - ".onion".length());
        }
        if (name.length() != NAME_CHARS) {
            throw new IllegalArgumentException("a v3 onion name has 56 base32 characters before .onion: " + host);
        }
        byte[] raw = new byte[35];
        long buffer = 0;
        int bits = 0;
        int out = 0;
        for (char c : name.toCharArray()) {
            int v = ALPHABET.indexOf(c);
            if (v < 0) {
                throw new IllegalArgumentException("not base32 (a-z, 2-7): '" + c + "' in " + host);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                raw[out++] = (byte) (buffer >> bits);
            }
        }
        byte[] key = Arrays.copyOf(raw, KEY_BYTES);
        if (raw[34] != VERSION) {
            throw new IllegalArgumentException("not a v3 onion (version " + raw[34] + "): " + host);
        }
        byte[] sum = checksum(key);
        if (raw[32] != sum[0] || raw[33] != sum[1]) {
            throw new IllegalArgumentException("onion checksum mismatch (mistyped?): " + host);
        }
        return new OnionV3(key);
    }

    /**
     * The service's ed25519 public key.
     *
     * @return a copy of the 32 bytes
     */
    public byte[] publicKey() {
        return key.clone();
    }

    /**
     * {@code <56 chars>.onion}.
     *
     * @return the lower-case host name
     */
    public String hostname() {
        byte[] sum = checksum(key);
        byte[] raw = Arrays.copyOf(key, 35);
        raw[32] = sum[0];
        raw[33] = sum[1];
        raw[34] = VERSION;
        StringBuilder s = new StringBuilder(NAME_CHARS + 6);
        long buffer = 0;
        int bits = 0;
        for (byte b : raw) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                s.append(ALPHABET.charAt((int) (buffer >> bits) & 31));
            }
        }
        return s.append(".onion").toString();
    }

    private static byte[] checksum(byte[] key) {
        try {
            MessageDigest sha3 = MessageDigest.getInstance("SHA3-256");
            sha3.update(".onion checksum".getBytes(StandardCharsets.US_ASCII));
            sha3.update(key);
            sha3.update(VERSION);
            return sha3.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA3-256 is part of every Java 9+ runtime", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnionV3 other && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return hostname();
    }
}
