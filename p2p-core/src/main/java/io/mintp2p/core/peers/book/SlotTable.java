package io.mintp2p.core.peers.book;

/**
 * One address-book table: slot number to the entry in it, each entry keyed by its own
 * {@code slot} field ({@link OpenAddressedEntries}: a sparse table costs about two references per
 * entry, a full one at most twice its slots). An entry's slot must not change while it is in the table.
 */
final class SlotTable extends OpenAddressedEntries {
    @Override
    int keyHash(KnownAddress entry) {
        return entry.slot;
    }

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
        addNew(entry);
    }

    /** Empties the entry's slot if the entry holds it; whether it did. */
    boolean remove(KnownAddress entry) {
        int mask = cells.length - 1;
        for (int i = home(entry.slot, mask); cells[i] != null; i = (i + 1) & mask) {
            if (cells[i] == entry) {
                removeAt(i);
                return true;
            }
        }
        return false;
    }
}
