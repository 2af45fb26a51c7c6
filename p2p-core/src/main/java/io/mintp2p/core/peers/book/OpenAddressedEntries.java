package io.mintp2p.core.peers.book;

/**
 * Book entries in one array with open addressing (linear probing, backward-shift deletion), keyed
 * by a hash each subclass takes from the entry: about two references an entry, no boxed keys, no
 * map nodes. The table at most half full. Book-internal; single thread.
 */
abstract class OpenAddressedEntries {
    private static final int MIN_LENGTH = 16;

    KnownAddress[] cells = new KnownAddress[MIN_LENGTH];
    private int size;

    /** The entry's key hash; it must not change while the entry is in the table. */
    abstract int keyHash(KnownAddress entry);

    final int size() {
        return size;
    }

    /** Adds an entry whose key is not in the table. */
    final void addNew(KnownAddress entry) {
        if (2 * (size + 1) > cells.length) {
            resize(cells.length * 2);
        }
        insert(cells, entry);
        size++;
    }

    /** Empties cell {@code i}; later entries of its run move up, so no tombstones are needed. */
    final void removeAt(int i) {
        int mask = cells.length - 1;
        for (int j = (i + 1) & mask; cells[j] != null; j = (j + 1) & mask) {
            int h = home(keyHash(cells[j]), mask);
            if (((j - h) & mask) >= ((j - i) & mask)) {
                cells[i] = cells[j];
                i = j;
            }
        }
        cells[i] = null;
        size--;
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

    private void insert(KnownAddress[] into, KnownAddress entry) {
        int mask = into.length - 1;
        int i = home(keyHash(entry), mask);
        while (into[i] != null) {
            i = (i + 1) & mask;
        }
        into[i] = entry;
    }

    /** Spreads the hash's bits over the table (Fibonacci hashing: consecutive keys land apart). */
    static int home(int hash, int mask) {
        return (hash * 0x9E3779B9 >>> 7) & mask;
    }
}
