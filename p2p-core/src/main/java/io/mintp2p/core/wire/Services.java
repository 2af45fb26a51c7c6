package io.mintp2p.core.wire;

/** Service bits of the Hello (WIRE.md 5.4). Application protocols declare bits of their own. */
public final class Services {
    public static final long TRANSACTIONS = 1L;
    public static final long BLOCKS = 1L << 1;
    public static final long PEER_ADDRESSES = 1L << 2;
    /**
     * mintp2p's own: "send me onion addresses" (PeerAddress variant 2, docs/WIRE-ONION.md). Address
     * lists and announcements to a peer without this bit carry no onion address, as a Mintlayer node
     * would refuse the unknown variant. The highest bit below the application range, far from the
     * bits Mintlayer may add next.
     */
    public static final long ONION_ADDRESSES = 1L << 15;
    /** Bits 0-2 belong to Mintlayer; application protocols should use bits from here up. */
    public static final int FIRST_APPLICATION_BIT = 16;

    private Services() {
    }

    public static boolean has(long services, long bits) {
        return (services & bits) == bits;
    }
}
