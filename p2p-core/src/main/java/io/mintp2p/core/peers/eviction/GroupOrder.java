package io.mintp2p.core.peers.eviction;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
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
public final class GroupOrder implements ToLongFunction<String> {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private final byte[] salt;
    private final MessageDigest sha256;
    /** The digest's output, reused like the digest itself. */
    private final byte[] out = new byte[32];

    public GroupOrder(long salt) {
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
        sha256.update(group.getBytes(StandardCharsets.UTF_8));
        try {
            sha256.digest(out, 0, out.length);
        } catch (DigestException e) {
            throw new IllegalStateException("a SHA-256 digest is 32 bytes", e);
        }
        return (long) LONG_BE.get(out, 0);
    }
}
