package io.mintp2p.core.peers.book;

/**
 * One address-book table: slot number to the entry in it, each entry keyed by its own
 * {@code slot} field. Open addressing over one array, so a sparse table costs about two
 * references per entry (no boxed keys, no map nodes) and a full one at most twice its slots.
 * An entry's slot must not change while it is in the table.
 */
final class SlotTable {
    private static final int MIN_LENGTH = 16;

    private KnownAddress[] cells = new KnownAddress[MIN_LENGTH];
    private int size;

    KnownAddress get(int slot) {
        int mask = cells.length - 1;
        for (int i = home(slot, mask); ; i = (i + 1) & mask) {
            KnownAddress e = cells[i];
            if (e == null || e.slot == slot) {
                return e;
            }
        }
    }

    /** Puts the entry in its slot, which must be free. */
    void add(KnownAddress entry) {
        if (2 * (size + 1) > cells.length) {
            resize(cells.length * 2);
        }
        insert(cells, entry);
        size++;
    }

    /** Empties the entry's slot if the entry holds it; whether it did. */
    boolean remove(KnownAddress entry) {
        int mask = cells.length - 1;
        int i = home(entry.slot, mask);
        while (cells[i] != entry) {
            if (cells[i] == null) {
                return false;
            }
            i = (i + 1) & mask;
        }
        // Backward-shift deletion: later entries of the run move up, so no tombstones are needed.
        for (int j = (i + 1) & mask; cells[j] != null; j = (j + 1) & mask) {
            int h = home(cells[j].slot, mask);
            if (((j - h) & mask) >= ((j - i) & mask)) {
                cells[i] = cells[j];
                i = j;
            }
        }
        cells[i] = null;
        size--;
        return true;
    }

    int size() {
        return size;
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
        int i = home(entry.slot, mask);
        while (into[i] != null) {
            i = (i + 1) & mask;
        }
        into[i] = entry;
    }

    /** Slots of one bucket are consecutive numbers: spread them (Fibonacci hashing). */
    private static int home(int slot, int mask) {
        return (slot * 0x9E3779B9 >>> 7) & mask;
    }
}
