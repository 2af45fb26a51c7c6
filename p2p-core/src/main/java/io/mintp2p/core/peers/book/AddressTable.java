package io.mintp2p.core.peers.book;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One table of the book, "new" or "tried": buckets of {@link AddressBook#BUCKET_SIZE} slots, and
 * its entries in a list for random picks. Every operation is O(1). Book-internal; single thread.
 */
final class AddressTable {
    private final SlotTable slots = new SlotTable();
    private final List<KnownAddress> list = new ArrayList<>();

    /** The entry in the slot, or null. */
    KnownAddress at(int slot) {
        return slots.get(slot);
    }

    /** Puts the entry in its {@code slot}, which must be free. */
    void add(KnownAddress e) {
        slots.add(e);
        e.index = list.size();
        list.add(e);
    }

    /** Takes the entry out if it is in this table; whether it was. */
    boolean remove(KnownAddress e) {
        if (!slots.remove(e)) {
            return false;
        }
        // O(1): the last entry takes the removed one's place.
        int i = e.index;
        KnownAddress last = list.remove(list.size() - 1);
        if (last != e) {
            list.set(i, last);
            last.index = i;
        }
        return true;
    }

    int size() {
        return list.size();
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    /** A uniformly random entry of a table that is not empty. */
    KnownAddress random(RandomGenerator random) {
        return list.get(random.nextInt(list.size()));
    }

    /** The entries in table order (what is saved and shown); a live view, not to be changed. */
    List<KnownAddress> entries() {
        return list;
    }
}
