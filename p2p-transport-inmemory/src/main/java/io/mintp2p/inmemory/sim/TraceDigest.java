package io.mintp2p.inmemory.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A running SHA-256 over trace lines: two runs compare by one string, however long their traces. */
final class TraceDigest {
    private final MessageDigest sha256;

    TraceDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    void add(String line) {
        sha256.update(line.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
    }

    /** The digest of the lines so far (more may be added afterwards). */
    String hex() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) sha256.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable", e);
        }
    }
}
