package io.mintp2p.core.wire;

/**
 * A set of Hello service bits (WIRE.md 5.4) as a value: what a node advertises, what a peer
 * advertised, the bit a {@link MessageType} needs. On the wire it is the same {@code u64} as
 * {@link #bits()}.
 *
 * <p>Which bits mean what: 0-2 are Mintlayer's ({@link #TRANSACTIONS}, {@link #BLOCKS},
 * {@link #PEER_ADDRESSES}); 3-14 are left for the bits Mintlayer defines next, so this library
 * refuses to advertise them ({@link #requireAdvertisable}); 15 is mintp2p's {@link #ONION_ADDRESSES};
 * 16-63 are for application protocols ({@link #application}). A peer's set is taken as it came
 * ({@link #of}): a newer peer may advertise bits this version does not know.
 *
 * <p>Immutable and thread-safe; nothing here blocks.
 *
 * @param bits the {@code u64} of the Hello
 */
public record ServiceFlags(long bits) {
    /** No bit. */
    public static final ServiceFlags NONE = new ServiceFlags(0);
    /** Mintlayer's bit 0: relays transactions. */
    public static final ServiceFlags TRANSACTIONS = new ServiceFlags(Services.TRANSACTIONS);
    /** Mintlayer's bit 1: serves and relays blocks. */
    public static final ServiceFlags BLOCKS = new ServiceFlags(Services.BLOCKS);
    /** Mintlayer's bit 2: takes part in address exchange. */
    public static final ServiceFlags PEER_ADDRESSES = new ServiceFlags(Services.PEER_ADDRESSES);
    /** mintp2p's "send me onion addresses" (docs/WIRE-ONION.md); the node sets it when it has an onion transport. */
    public static final ServiceFlags ONION_ADDRESSES = new ServiceFlags(Services.ONION_ADDRESSES);

    /** Bits 3-14: neither Mintlayer's today nor the application's; Mintlayer's next bits go here. */
    static final long RESERVED = ((1L << 15) - 1) & ~(Services.TRANSACTIONS | Services.BLOCKS | Services.PEER_ADDRESSES);

    /**
     * The set whose wire value is {@code bits}, as a peer sent it (any bit taken).
     *
     * @param bits the wire value
     * @return the set
     */
    public static ServiceFlags of(long bits) {
        return bits == 0 ? NONE : new ServiceFlags(bits);
    }

    /**
     * The single application bit {@code bit} (16-63), for a {@link MessageType}. Bits 0-2 are
     * Mintlayer's, 3-14 reserved for its next services, 15 mintp2p's onion bit; 16-63 are free for
     * applications. Several message types may share one bit, and a protocol normally does (its
     * requests, responses and announcements all on one bit meaning "speaks this protocol"); a node
     * advertises the union of its registered types' bits.
     *
     * @throws IllegalArgumentException if {@code bit} is below {@link Services#FIRST_APPLICATION_BIT} or above 63
     * @param bit 16 to 63
     * @return the set of that one bit
     */
    public static ServiceFlags application(int bit) {
        if (bit < Services.FIRST_APPLICATION_BIT || bit > 63) {
            throw new IllegalArgumentException("an application service bit is " + Services.FIRST_APPLICATION_BIT
                    + "-63 (0-15 belong to Mintlayer and mintp2p), got " + bit);
        }
        return new ServiceFlags(1L << bit);
    }

    /**
     * This set, if a node may advertise it: no bit of the reserved range 3-14, whose meaning Mintlayer
     * has not defined yet (a peer would read it as a promise we do not keep).
     *
     * @throws IllegalArgumentException naming the reserved bits otherwise
     * @return this set
     */
    public ServiceFlags requireAdvertisable() {
        long reserved = bits & RESERVED;
        if (reserved != 0) {
            throw new IllegalArgumentException("service bits " + bitList(reserved)
                    + " are reserved for Mintlayer's future services (3-14); use 16 and up for an application");
        }
        return this;
    }

    /**
     * Whether every bit of {@code other} is in this set (true for {@link #NONE}).
     *
     * @param other the bits wanted
     * @return true if all are here
     */
    public boolean contains(ServiceFlags other) {
        return (bits & other.bits) == other.bits;
    }

    /**
     * Whether this set and {@code other} share at least one bit.
     *
     * @param other the other set
     * @return true if one bit is in both
     */
    public boolean intersects(ServiceFlags other) {
        return (bits & other.bits) != 0;
    }

    /**
     * This set plus the bits of {@code other}.
     *
     * @param other the bits to add
     * @return the union
     */
    public ServiceFlags with(ServiceFlags other) {
        return (bits | other.bits) == bits ? this : new ServiceFlags(bits | other.bits);
    }

    /**
     * Whether no bit is set.
     *
     * @return true for {@link #NONE}
     */
    public boolean isEmpty() {
        return bits == 0;
    }

    /**
     * The lowest bit's number, e.g. 16 for an application type's first bit; 64 when empty.
     *
     * @return 0 to 64
     */
    public int lowestBit() {
        return Long.numberOfTrailingZeros(bits);
    }

    private static String bitList(long bits) {
        StringBuilder s = new StringBuilder();
        for (long rest = bits; rest != 0; rest &= rest - 1) {
            s.append(s.isEmpty() ? "" : ",").append(Long.numberOfTrailingZeros(rest));
        }
        return s.toString();
    }

    /** The bit numbers, as {@code {2,16}}. */
    @Override
    public String toString() {
        return "{" + bitList(bits) + "}";
    }
}
