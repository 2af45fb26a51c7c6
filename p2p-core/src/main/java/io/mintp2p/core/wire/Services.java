package io.mintp2p.core.wire;

/** Service bits of the Hello (WIRE.md 5.4). Application protocols declare bits of their own. */
public final class Services {
    public static final long TRANSACTIONS = 1L;
    public static final long BLOCKS = 1L << 1;
    public static final long PEER_ADDRESSES = 1L << 2;
    /** Bits 0-2 belong to Mintlayer; application protocols should use bits from here up. */
    public static final int FIRST_APPLICATION_BIT = 16;

    private Services() {
    }

    public static boolean has(long services, long bits) {
        return (services & bits) == bits;
    }
}
