package io.mintp2p.core.peers.book;

import io.mintp2p.core.transport.TransportAddress;

/**
 * The book's entries by address: open addressing over one array of entries, so an entry costs one
 * or two references here instead of a map node and a key object (48 bytes an entry less than a
 * {@code HashMap}). Compact entries are matched on their bits ({@link KnownAddress#is}), so a lookup
 * allocates nothing. Book-internal; single thread.
 */
final class AddressIndex {
    private static final int MIN_LENGTH = 16;

    private KnownAddress[] cells = new KnownAddress[MIN_LENGTH];
    private int size;

    /** The entry of the address, or null. */
    KnownAddress get(TransportAddress a) {
        long bits = Ipv4Hosts.bits(a);
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
            return;
        }
        if (2 * (size + 1) > cells.length) {
            resize(cells.length * 2);
        }
        insert(cells, entry);
        size++;
    }

    /** Takes out the entry filed under the entry's address, if any. */
    void remove(KnownAddress entry) {
        int i = find(entry);
        if (i < 0) {
            return;
        }
        int mask = cells.length - 1;
        // Backward-shift deletion: later entries of the run move up, so no tombstones are needed.
        for (int j = (i + 1) & mask; cells[j] != null; j = (j + 1) & mask) {
            int h = home(cells[j].addressHash(), mask);
            if (((j - h) & mask) >= ((j - i) & mask)) {
                cells[i] = cells[j];
                i = j;
            }
        }
        cells[i] = null;
        size--;
    }

    int size() {
        return size;
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

    private void resize(int length) {
        KnownAddress[] bigger = new KnownAddress[length];
        for (KnownAddress e : cells) {
            if (e != null) {
                insert(bigger, e);
            }
        }
        cells = bigger;
    }

    private static void insert(KnownAddress[] into, KnownAddress entry) {
        int mask = into.length - 1;
        int i = home(entry.addressHash(), mask);
        while (into[i] != null) {
            i = (i + 1) & mask;
        }
        into[i] = entry;
    }

    /** Spreads the hash's bits over the table (Fibonacci hashing). */
    private static int home(int hash, int mask) {
        return (hash * 0x9E3779B9 >>> 7) & mask;
    }
}
