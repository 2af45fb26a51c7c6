package io.mintp2p.core.wire;

/**
 * The raw values of the Hello's service bits (WIRE.md 5.4), as the session and the peer manager test
 * them on the {@code u64} they decoded; the public API carries them as {@link ServiceFlags}, which
 * also says which bits are reserved.
 */
public final class Services {
    /** Bit 0: relays transactions. */
    public static final long TRANSACTIONS = 1L;
    /** Bit 1: serves and relays blocks. */
    public static final long BLOCKS = 1L << 1;
    /** Bit 2: takes part in address exchange. */
    public static final long PEER_ADDRESSES = 1L << 2;
    /**
     * mintp2p's own: "send me onion addresses" (PeerAddress variant 2, docs/WIRE-ONION.md). Address
     * lists and announcements to a peer without this bit carry no onion address, as a Mintlayer node
     * would refuse the unknown variant. The highest bit below the application range, far from the
     * bits Mintlayer may add next.
     */
    public static final long ONION_ADDRESSES = 1L << 15;
    /**
     * Bits 0-2 belong to Mintlayer, 3-14 are kept for its next ones, 15 is mintp2p's; applications use
     * 16 and up, and several message types may share one (docs/message-types.md).
     */
    public static final int FIRST_APPLICATION_BIT = 16;

    private Services() {
    }

    /**
     * Whether {@code services} has every bit of {@code bits}. Any thread.
     *
     * @param services the bits a peer announced
     * @param bits     the bits wanted
     * @return true if all are set
     */
    public static boolean has(long services, long bits) {
        return (services & bits) == bits;
    }
}
