package io.mintp2p.core.peers.book;

import io.mintp2p.core.peers.AddressBookEntry;
import io.mintp2p.core.transport.TransportAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * The book's record of one known address: where it sits and how dialling it went. Book-internal, mutable.
 * An IPv4 address without a pinned identity, nearly every entry of a real book, is kept as its scheme,
 * 32 bits and port, not as a {@link TransportAddress} with a host string: 80 bytes less an entry, and
 * books hold tens of thousands. {@link #address()} builds the full form when it is asked for.
 */
final class KnownAddress {
    /** Set for an address kept whole (not IPv4, or with a pinned identity); null when compact. */
    private final TransportAddress whole;
    /** Compact form: the scheme (the peer's own string, shared), the IPv4 bits, the port. */
    private final String scheme;
    private final int v4;
    private final int port;
    /**
     * The salted hash of the address's group, worked out once: slots and per-group counts need it
     * again and again, and a long costs less than the name where every address is a group of its own.
     */
    final long group;
    final String source;
    boolean tried;
    int failures;
    long lastSuccessMillis;
    long lastAttemptMillis;
    /**
     * Also heard of from another source group than the one that placed it: Bitcoin Core's
     * {@code nRefCount > 1}. Other books hold it too, so in "new" it gives its slot to an address
     * heard of nowhere else; else the first addresses a full book heard of would keep their slots
     * for good, and a growing network's newer nodes would never get into it.
     */
    boolean heardElsewhere;
    /** Its slot in its table: bucket * BUCKET_SIZE + position. */
    int slot;
    /** Position in its {@link AddressTable}'s list, for O(1) removal and random picks. */
    int index;

    KnownAddress(TransportAddress address, long group, String source) {
        this(address, Ipv4Hosts.bits(address), group, source);
    }

    /** @param bits the address's {@link Ipv4Hosts#bits}, worked out by the caller */
    KnownAddress(TransportAddress address, long bits, long group, String source) {
        this.whole = bits < 0 ? address : null;
        this.scheme = bits < 0 ? null : address.scheme();
        this.v4 = (int) bits;
        this.port = address.port();
        this.group = group;
        this.source = source;
    }

    /** The address (a new object for a compact entry: callers keep what they need, not the entry's). */
    TransportAddress address() {
        return whole != null ? whole : TransportAddress.of(scheme, Ipv4Hosts.format(v4), port);
    }

    /** Whether this is the entry of {@code a}, whose {@link Ipv4Hosts#bits} are {@code bits}. */
    boolean is(TransportAddress a, long bits) {
        if (whole != null) {
            return bits < 0 && whole.equals(a);
        }
        return bits >= 0 && v4 == (int) bits && port == a.port() && scheme.equals(a.scheme());
    }

    /** Whether both entries are of the same address. */
    boolean sameAddress(KnownAddress o) {
        if (whole != null) {
            return whole.equals(o.whole);
        }
        return o.whole == null && v4 == o.v4 && port == o.port && scheme.equals(o.scheme);
    }

    /** The hash {@link AddressIndex} files the entry under: equal for equal addresses, compact or not. */
    int addressHash() {
        return whole != null ? whole.hashCode() : compactHash(scheme, v4, port);
    }

    static int compactHash(String scheme, int v4, int port) {
        return (v4 * 31 + port) * 31 + scheme.hashCode();
    }

    AddressBookEntry view() {
        return new AddressBookEntry(address(), tried, source, failures,
                lastSuccessMillis == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastSuccessMillis)),
                lastAttemptMillis == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastAttemptMillis)));
    }

    /** Whether a newcomer may take its slot (see {@link FailurePolicy#isTerrible}). */
    boolean isTerrible() {
        return FailurePolicy.isTerrible(failures);
    }
}
