package io.mintp2p.core.wire;

import java.util.OptionalInt;

/** Protocol versions (WIRE.md 7): we announce 3, accept 2 and 3, negotiate min(ours, theirs). */
public final class ProtocolVersion {
    /** Version 2: no {@link WillDisconnect}. */
    public static final int V2 = 2;
    /** Version 3: adds {@link WillDisconnect}. */
    public static final int V3 = 3;
    /** The version we announce. */
    public static final int OURS = V3;
    /** The lowest version we accept. */
    public static final int MIN_SUPPORTED = V2;
    /** {@link WillDisconnect} exists since V3. */
    public static final int WILL_DISCONNECT_SINCE = V3;

    private ProtocolVersion() {
    }

    /**
     * The common version, or empty when the peer's version is below what we support. Any thread.
     *
     * @param ours   the version we announced
     * @param theirs the version the peer announced, read as unsigned
     * @return the version both speak
     */
    public static OptionalInt negotiate(int ours, int theirs) {
        long common = Math.min(Integer.toUnsignedLong(ours), Integer.toUnsignedLong(theirs));
        return common >= MIN_SUPPORTED ? OptionalInt.of((int) common) : OptionalInt.empty();
    }

    /**
     * Whether a peer at {@code version} understands {@link WillDisconnect}. Any thread.
     *
     * @param version the negotiated version, read as unsigned
     * @return true from {@link #WILL_DISCONNECT_SINCE} on
     */
    public static boolean supportsWillDisconnect(int version) {
        return Integer.toUnsignedLong(version) >= WILL_DISCONNECT_SINCE;
    }
}
