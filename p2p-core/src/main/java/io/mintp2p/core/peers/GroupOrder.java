package io.mintp2p.core.peers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.ToLongFunction;

/**
 * A secret order of address groups: SHA-256 of a per-node salt and the group name. Which groups
 * eviction protects must not be predictable, or an attacker would pick its addresses to match.
 */
final class GroupOrder implements ToLongFunction<String> {
    private final byte[] salt;

    GroupOrder(long salt) {
        this.salt = ByteBuffer.allocate(8).putLong(salt).array();
    }

    @Override
    public long applyAsLong(String group) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return ByteBuffer.wrap(sha.digest(group.getBytes(StandardCharsets.UTF_8))).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
