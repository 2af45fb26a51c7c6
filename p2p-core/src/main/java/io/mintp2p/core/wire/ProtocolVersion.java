package io.mintp2p.core.wire;

import java.util.OptionalInt;

/** Protocol versions (WIRE.md 7): we announce 3, accept 2 and 3, negotiate min(ours, theirs). */
public final class ProtocolVersion {
    public static final int V2 = 2;
    public static final int V3 = 3;
    public static final int OURS = V3;
    public static final int MIN_SUPPORTED = V2;
    /** {@link WillDisconnect} exists since V3. */
    public static final int WILL_DISCONNECT_SINCE = V3;

    private ProtocolVersion() {
    }

    /** The common version, or empty when the peer's version is below what we support. */
    public static OptionalInt negotiate(int ours, int theirs) {
        long common = Math.min(Integer.toUnsignedLong(ours), Integer.toUnsignedLong(theirs));
        return common >= MIN_SUPPORTED ? OptionalInt.of((int) common) : OptionalInt.empty();
    }

    public static boolean supportsWillDisconnect(int version) {
        return Integer.toUnsignedLong(version) >= WILL_DISCONNECT_SINCE;
    }
}
