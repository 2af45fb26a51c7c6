package io.mintp2p.core.peers.book;

import io.mintp2p.core.transport.TransportAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Addresses that earned a tried slot held by an entry that worked lately: they wait in "new"
 * until a feeler tests the old one (Bitcoin Core's collisions). Bounded, oldest dropped first.
 * Book-internal; single thread.
 */
final class TriedCollisions {
    /** Collisions waiting for a feeler; more are dropped, oldest first. */
    static final int MAX_COLLISIONS = 10;
    /** A tried entry that worked within this long is tested before a newer success may replace it. */
    static final Duration COLLISION_KEEP_OLD_FOR = Duration.ofHours(4);

    /** What the book answers about a newcomer's tried slot. */
    interface Slots {
        /** The newcomer's book entry, or null if it is no longer known. */
        KnownAddress known(TransportAddress newcomer);

        /** Who holds the tried slot the newcomer would take, or null. */
        KnownAddress triedOccupant(TransportAddress newcomer);
    }

    private final Set<TransportAddress> newcomers = new LinkedHashSet<>();

    /** Whether the occupant of a tried slot keeps it against a newcomer that worked at {@code nowMillis}. */
    static boolean occupantStays(KnownAddress occupant, long nowMillis) {
        return occupant != null && !occupant.isTerrible()
                && nowMillis - occupant.lastSuccessMillis < COLLISION_KEEP_OLD_FOR.toMillis();
    }

    void remember(TransportAddress newcomer) {
        newcomers.remove(newcomer);
        newcomers.add(newcomer);
        if (newcomers.size() > MAX_COLLISIONS) {
            newcomers.remove(newcomers.iterator().next());
        }
    }

    /** The old side of the oldest collision still pending; collisions settled meanwhile are dropped. */
    Optional<TransportAddress> toTest(Slots slots) {
        for (Iterator<TransportAddress> it = newcomers.iterator(); it.hasNext(); ) {
            TransportAddress newcomer = it.next();
            KnownAddress e = slots.known(newcomer);
            KnownAddress occupant = e == null ? null : slots.triedOccupant(newcomer);
            if (e == null || e.tried || occupant == null) {
                it.remove();
                continue;
            }
            return Optional.of(occupant.address());
        }
        return Optional.empty();
    }

    /**
     * Drops the collision whose tried slot {@code occupant} holds.
     *
     * @return the newcomer of that collision, or empty if there was none
     */
    Optional<TransportAddress> settle(TransportAddress occupant, Slots slots) {
        for (Iterator<TransportAddress> it = newcomers.iterator(); it.hasNext(); ) {
            TransportAddress newcomer = it.next();
            KnownAddress holder = slots.triedOccupant(newcomer);
            if (holder == null || !holder.address().equals(occupant)) {
                continue;
            }
            it.remove();
            return Optional.of(newcomer);
        }
        return Optional.empty();
    }

    int size() {
        return newcomers.size();
    }
}
