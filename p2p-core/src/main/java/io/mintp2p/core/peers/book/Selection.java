package io.mintp2p.core.peers.book;

import io.mintp2p.core.transport.TransportAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Random choices from the book's tables: addresses to dial and addresses to pass on. O(1) per
 * selection ({@link #SELECT_PROBES} probes at most), O(n) per sample. Book-internal; single thread.
 */
final class Selection {
    /** Random probes per selection before giving up: O(1) even when few entries pass the filter. */
    static final int SELECT_PROBES = 128;

    private final RandomGenerator random;
    private final AddressTable newTable;
    private final AddressTable triedTable;

    Selection(RandomGenerator random, AddressTable newTable, AddressTable triedTable) {
        this.random = random;
        this.newTable = newTable;
        this.triedTable = triedTable;
    }

    /** From "tried" or "new" with even odds, the other if the first gives none. */
    Optional<TransportAddress> select(Predicate<TransportAddress> eligible) {
        boolean triedFirst = !triedTable.isEmpty() && (newTable.isEmpty() || random.nextBoolean());
        Optional<TransportAddress> first = pick(triedFirst ? triedTable : newTable, eligible);
        return first.isPresent() ? first : pick(triedFirst ? newTable : triedTable, eligible);
    }

    Optional<TransportAddress> selectNew(Predicate<TransportAddress> eligible) {
        return pick(newTable, eligible);
    }

    /**
     * Random probes; an entry whose last dials failed is taken with a lower chance
     * ({@link FailurePolicy#chance}), so the addresses of nodes that went away are dialled less and
     * less while they wait to be forgotten. The chance grows with every probe, so a book of
     * failing entries still gives one.
     */
    private Optional<TransportAddress> pick(AddressTable from, Predicate<TransportAddress> eligible) {
        double factor = 1.0;
        for (int i = 0; i < SELECT_PROBES && !from.isEmpty(); i++) {
            KnownAddress e = from.random(random);
            double chance = FailurePolicy.chance(e.failures) * factor;
            factor *= 1.2;
            if (random.nextDouble() < chance) {
                TransportAddress a = e.address();
                if (eligible.test(a)) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }

    /** Up to {@code max} random addresses passing the filter whose last dial did not fail. */
    List<TransportAddress> sample(int max, Predicate<TransportAddress> include) {
        List<KnownAddress> all = new ArrayList<>(triedTable.size() + newTable.size());
        all.addAll(triedTable.entries());
        all.addAll(newTable.entries());
        List<TransportAddress> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && out.size() < max; i--) {
            int j = random.nextInt(i + 1);
            KnownAddress pick = all.get(j);
            all.set(j, all.get(i));
            if (pick.failures == 0) {
                TransportAddress a = pick.address();
                if (include.test(a)) {
                    out.add(a);
                }
            }
        }
        return out;
    }
}
