package io.mintp2p.core.peers.book;

import io.mintp2p.core.peers.AddressBookEntry;
import io.mintp2p.core.transport.TransportAddress;
import java.time.Instant;
import java.util.Optional;

/** The book's record of one known address: where it sits and how dialling it went. Book-internal, mutable. */
final class KnownAddress {
    final TransportAddress address;
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
        this.address = address;
        this.group = group;
        this.source = source;
    }

    AddressBookEntry view() {
        return new AddressBookEntry(address, tried, source, failures,
                lastSuccessMillis == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastSuccessMillis)),
                lastAttemptMillis == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastAttemptMillis)));
    }

    /** Whether a newcomer may take its slot (see {@link FailurePolicy#isTerrible}). */
    boolean isTerrible() {
        return FailurePolicy.isTerrible(failures);
    }
}
