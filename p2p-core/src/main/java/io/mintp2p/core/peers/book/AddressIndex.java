package io.mintp2p.core.peers.book;

import io.mintp2p.core.transport.TransportAddress;

/**
 * The book's entries by address ({@link OpenAddressedEntries}: one or two references an entry
 * instead of a map node and a key object, 48 bytes an entry less than a {@code HashMap}). Compact
 * entries are matched on their bits ({@link KnownAddress#is}), so a lookup allocates nothing.
 * Book-internal; single thread.
 */
final class AddressIndex extends OpenAddressedEntries {
    @Override
    int keyHash(KnownAddress entry) {
        return entry.addressHash();
    }

    /** The entry of the address, or null. */
    KnownAddress get(TransportAddress a) {
        return get(a, Ipv4Hosts.bits(a));
    }

    /** The entry of the address whose {@link Ipv4Hosts#bits} the caller worked out already, or null. */
    KnownAddress get(TransportAddress a, long bits) {
        int hash = bits < 0 ? a.hashCode() : KnownAddress.compactHash(a.scheme(), (int) bits, a.port());
        int mask = cells.length - 1;
        for (int i = home(hash, mask); ; i = (i + 1) & mask) {
            KnownAddress e = cells[i];
            if (e == null || e.is(a, bits)) {
                return e;
            }
        }
    }

    /** Files the entry under its address, replacing an entry of the same address. */
    void put(KnownAddress entry) {
        int i = find(entry);
        if (i >= 0) {
            cells[i] = entry;
        } else {
            addNew(entry);
        }
    }

    /** Takes out the entry filed under the entry's address, if any. */
    void remove(KnownAddress entry) {
        int i = find(entry);
        if (i >= 0) {
            removeAt(i);
        }
    }

    /** The cell of the entry with the same address as {@code entry}, or -1. */
    private int find(KnownAddress entry) {
        int mask = cells.length - 1;
        for (int i = home(entry.addressHash(), mask); cells[i] != null; i = (i + 1) & mask) {
            if (cells[i] == entry || cells[i].sameAddress(entry)) {
                return i;
            }
        }
        return -1;
    }
}
