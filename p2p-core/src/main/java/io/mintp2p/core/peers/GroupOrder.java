package io.mintp2p.core.peers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.ToLongFunction;

/**
 * A secret order of address groups: SHA-256 of a per-node salt and the group name. Which groups
 * eviction protects must not be predictable, or an attacker would pick its addresses to match.
 * <p>
 * One digest serves every call: eviction asks this for each inbound group on the peer manager's
 * serial scheduler (not thread-safe, like the manager), and a {@code MessageDigest.getInstance} per
 * group was most of what choosing a victim cost a full node (a provider lookup and reflection each).
 */
final class GroupOrder implements ToLongFunction<String> {
    private final byte[] salt;
    private final MessageDigest sha256;

    GroupOrder(long salt) {
        this.salt = ByteBuffer.allocate(8).putLong(salt).array();
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public long applyAsLong(String group) {
        sha256.reset();
        sha256.update(salt);
        return ByteBuffer.wrap(sha256.digest(group.getBytes(StandardCharsets.UTF_8))).getLong();
    }
}
