package io.mintp2p.core.peers.book;

import io.mintp2p.core.transport.TransportAddress;
import java.util.function.Function;

/**
 * Where the book's entries sit: the "new" and "tried" {@link AddressTable}s, the index by address
 * and the per-group count of "new" entries, kept consistent with each other. Says nothing about
 * failures or quarantine (the {@link AddressBook} decides those). Book-internal; single thread.
 */
final class Placement implements TriedCollisions.Slots {
    private final Function<TransportAddress, String> groupOf;
    private final BucketHasher hasher;
    private final AddressIndex byAddress = new AddressIndex();
    final AddressTable newTable = new AddressTable();
    final AddressTable triedTable = new AddressTable();
    private final GroupCounts newPerGroup = new GroupCounts();

    Placement(Function<TransportAddress, String> groupOf, BucketHasher hasher) {
        this.groupOf = groupOf;
        this.hasher = hasher;
    }

    int size() {
        return byAddress.size();
    }

    @Override
    public KnownAddress known(TransportAddress address) {
        return byAddress.get(address);
    }

    /** {@link #known(TransportAddress)} for an address whose {@link Ipv4Hosts#bits} are worked out already. */
    KnownAddress known(TransportAddress address, long bits) {
        return byAddress.get(address, bits);
    }

    @Override
    public KnownAddress triedOccupant(TransportAddress newcomer) {
        return triedOccupant(newcomer, groupOf.apply(newcomer));
    }

    KnownAddress triedOccupant(TransportAddress newcomer, String group) {
        return triedTable.at(hasher.triedSlot(newcomer, group));
    }

    String groupOf(TransportAddress address) {
        return groupOf.apply(address);
    }

    /** A new entry for an address not in the book (its group hashed from the name). */
    KnownAddress entry(TransportAddress address, String group, String source) {
        return new KnownAddress(address, hasher.groupKey(group), source);
    }

    /**
     * Puts an address not in the book in "new"; false when its slot holds a better one or its group is full.
     *
     * @param bits the address's {@link Ipv4Hosts#bits} (the caller looked it up by them: not parsed twice)
     */
    boolean addNew(TransportAddress address, long bits, String sourceGroup) {
        String group = groupOf.apply(address);
        int slot = freeNewSlot(address, sourceGroup, group);
        if (slot < 0) {
            return false; // the common case once the book is full: no entry made for it
        }
        long key = hasher.groupKey(group);
        if (!groupHasRoom(key)) {
            return false;
        }
        placeNewAt(new KnownAddress(address, bits, key, sourceGroup), slot);
        return true;
    }

    /** @param group the entry's group by name (what its slot is worked out from) */
    boolean placeNew(KnownAddress e, String group) {
        int slot = freeNewSlot(e.address(), e.source, group);
        if (slot < 0 || !groupHasRoom(e.group)) {
            return false;
        }
        placeNewAt(e, slot);
        return true;
    }

    /**
     * The "new" slot the address would take, or -1 when the slot holds an address that is neither
     * terrible nor heard of elsewhere. Asked before {@link #groupHasRoom}: once a book is full its
     * slots refuse most addresses heard of, and the group is then neither hashed nor looked up (a
     * cache miss per address in a big simulation).
     */
    private int freeNewSlot(TransportAddress address, String source, String groupName) {
        int slot = hasher.newSlot(source, groupName, address);
        KnownAddress occupant = newTable.at(slot);
        return occupant == null || occupant.isTerrible() || occupant.heardElsewhere ? slot : -1;
    }

    /** Whether the group holds fewer than its share of "new" entries. */
    private boolean groupHasRoom(long group) {
        return newPerGroup.get(group) < AddressBook.MAX_NEW_PER_GROUP;
    }

    /**
     * Puts the entry in the slot {@link #freeNewSlot} gave, forgetting whoever held it. Its address
     * is in the book under no entry (every caller looked or took it out), so the index is not searched.
     */
    private void placeNewAt(KnownAddress e, int slot) {
        KnownAddress occupant = newTable.at(slot);
        if (occupant != null) {
            forget(occupant);
        }
        e.tried = false;
        e.slot = slot;
        newTable.add(e);
        newPerGroup.increment(e.group);
        byAddress.addNew(e);
    }

    /** Puts a known entry in its tried slot; whoever held the slot goes back to "new". */
    void moveToTried(KnownAddress e, String group) {
        detach(e);
        int slot = hasher.triedSlot(e.address(), group);
        KnownAddress occupant = triedTable.at(slot);
        if (occupant != null) {
            triedTable.remove(occupant);
            byAddress.remove(occupant);
            placeNew(occupant, groupOf.apply(occupant.address()));
        }
        e.tried = true;
        e.slot = slot;
        triedTable.add(e);
        byAddress.put(e);
    }

    /** Takes the entry out of its table, keeping it known. */
    private void detach(KnownAddress e) {
        if (e.tried) {
            triedTable.remove(e);
        } else if (newTable.remove(e)) {
            newPerGroup.decrement(e.group);
        }
    }

    /** Takes the entry out of the book. */
    void forget(KnownAddress e) {
        detach(e);
        byAddress.remove(e);
    }
}
