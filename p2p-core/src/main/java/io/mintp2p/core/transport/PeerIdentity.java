package io.mintp2p.core.transport;

import java.util.HexFormat;
import java.util.Locale;

/**
 * A node's authenticated identity: lower-case hex of SHA-256 over its certificate's SubjectPublicKeyInfo.
 *
 * @param hex 64 hex characters, stored in lower case
 */
public record PeerIdentity(String hex) {
    /**
     * Checks the form and lower-cases it.
     *
     * @param hex 64 hex characters, any case
     * @throws IllegalArgumentException otherwise
     */
    public PeerIdentity {
        hex = hex.toLowerCase(Locale.ROOT);
        if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("peer identity must be 64 hex characters (SHA-256), got: " + hex);
        }
    }

    /**
     * The identity of a 32-byte digest.
     *
     * @param sha256 the 32 bytes
     * @return their hex
     */
    public static PeerIdentity ofDigest(byte[] sha256) {
        return new PeerIdentity(HexFormat.of().formatHex(sha256));
    }

    @Override
    public String toString() {
        return hex;
    }
}
