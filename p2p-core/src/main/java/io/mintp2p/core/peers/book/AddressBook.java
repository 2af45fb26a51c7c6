package io.mintp2p.core.peers.book;

import io.mintp2p.core.peers.AddressBookEntry;
import io.mintp2p.core.peers.persistence.StateStorage;
import io.mintp2p.core.transport.TransportAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Known addresses in Bitcoin Core's addrman layout (the Mintlayer node's peerdb uses the same):
 * a "new" {@link AddressTable} for addresses heard of and a "tried" one for addresses whose peer
 * stayed, {@link #BUCKET_SIZE} slots a bucket ({@link Tables}). The {@link BucketHasher} places an
 * address by a secret salt, its address group and, for "new", the group of the peer that told us;
 * one source group reaches at most 1/16 of the new buckets, so one peer (or one attacker network)
 * cannot fill the book however many addresses it sends, and one address group holds at most
 * {@link #MAX_NEW_PER_GROUP} "new" entries, so a network whose addresses honest peers relay cannot
 * either. Addresses that keep failing are forgotten ({@link FailurePolicy},
 * {@link ForgottenAddresses}). A taken slot keeps its address unless that one is terrible, or, in
 * "new", was heard of from another source too and the newcomer from none; in "tried", one that
 * worked lately is tested first ({@link TriedCollisions}). Every operation is O(1) but
 * {@link #sample} and {@link #view} (O(n), once per request).
 *
 * <p>Not thread-safe: the node thread owns it. Nothing blocks.
 */
public final class AddressBook {
    public static final int BUCKET_SIZE = 64;
    /** Per default tables; with smaller ones, the same share of them (see {@link Tables}). */
    static final int NEW_BUCKETS_PER_SOURCE_GROUP = 64;
    static final int TRIED_BUCKETS_PER_GROUP = 8;
    /** The source group of forgotten addresses taken back by {@link #takeBackForgotten}. */
    static final String FORGOTTEN_SOURCE = "forgotten";
    /**
     * At most this many "new" entries per address group, whoever told us: one network (an attacker's
     * /16) cannot fill the book through many honest relayers. Outbound peers are one per group, so a
     * few addresses per group is all dialling needs.
     */
    static final int MAX_NEW_PER_GROUP = 16;

    /**
     * How many buckets of {@link #BUCKET_SIZE} slots each table has: its capacity. A source group
     * reaches 1/16 of the new buckets and an address group 1/32 of the tried ones (at least one),
     * the shares Bitcoin Core gives them in its 1024 and 256.
     */
    public record Tables(int newBuckets, int triedBuckets) {
        public static final Tables DEFAULT = new Tables(1024, 256);

        public Tables {
            if (newBuckets < 16 || triedBuckets < 1) {
                throw new IllegalArgumentException("at least 16 new and 1 tried bucket, got " + newBuckets + " and "
                        + triedBuckets);
            }
        }

        int newBucketsPerSourceGroup() {
            return newBuckets / 16;
        }

        int triedBucketsPerGroup() {
            return Math.max(1, triedBuckets / 32);
        }

        /** The most addresses the book holds. */
        public int capacity() {
            return (newBuckets + triedBuckets) * BUCKET_SIZE;
        }
    }

    private final BucketHasher hasher;
    private final Tables tables;
    private final Placement placement;
    private final TriedCollisions collisions = new TriedCollisions();
    private final ForgottenAddresses forgotten;
    private final Selection selection;

    /**
     * @param groupOf         the address group of an address (as the peer manager counts diversity)
     * @param monotonicMillis the clock forgotten addresses are timed with
     */
    public AddressBook(RandomGenerator random, Function<TransportAddress, String> groupOf, LongSupplier monotonicMillis) {
        this(Tables.DEFAULT, random, groupOf, monotonicMillis);
    }

    /** An empty book with a new salt drawn from {@code random}. */
    public AddressBook(Tables tables, RandomGenerator random, Function<TransportAddress, String> groupOf,
                       LongSupplier monotonicMillis) {
        this(tables, random, groupOf, monotonicMillis, random.nextLong());
    }

    AddressBook(Tables tables, RandomGenerator random, Function<TransportAddress, String> groupOf,
                LongSupplier monotonicMillis, long salt) {
        this.tables = tables;
        this.hasher = new BucketHasher(salt, tables);
        this.placement = new Placement(groupOf, hasher);
        this.forgotten = new ForgottenAddresses(monotonicMillis);
        this.selection = new Selection(random, placement.newTable, placement.triedTable);
    }

    /**
     * The book {@code storage} holds, in tables of the given size (what does not fit smaller ones is
     * dropped, as when they fill up); empty if none, or if it cannot be read (then it is set aside,
     * never deleted). Blocks on the storage's reads.
     */
    public static AddressBook load(StateStorage storage, Tables tables, RandomGenerator random,
                                   Function<TransportAddress, String> groupOf, LongSupplier monotonicMillis) {
        return AddressBookFile.load(storage, tables, random, groupOf, monotonicMillis);
    }

    /** {@link #load(StateStorage, Tables, RandomGenerator, Function, LongSupplier)} into default tables. */
    public static AddressBook load(StateStorage storage, RandomGenerator random,
                                   Function<TransportAddress, String> groupOf, LongSupplier monotonicMillis) {
        return load(storage, Tables.DEFAULT, random, groupOf, monotonicMillis);
    }

    /** The saved form (see {@link AddressBookFile}): a snapshot to write elsewhere. */
    public String serialize() {
        return AddressBookFile.serialize(hasher.salt(), placement.triedTable, placement.newTable);
    }

    /**
     * A secret of this node for other salted hashing of addresses (the relay's choice of peers),
     * derived from the book's salt so that it costs no draw from the node's random source: a peer
     * can no more predict it than the book's buckets. Different for each {@code purpose}.
     */
    public long derivedSecret(long purpose) {
        long z = hasher.salt() ^ purpose * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public Tables tables() {
        return tables;
    }

    public int size() {
        return placement.size();
    }

    public int triedCount() {
        return placement.triedTable.size();
    }

    public boolean contains(TransportAddress address) {
        return placement.known(address) != null;
    }

    KnownAddress known(TransportAddress address) {
        return placement.known(address);
    }

    /** Adds a heard-of address; false when it was known already or its slot holds a better one. */
    public boolean add(TransportAddress address, String sourceGroup) {
        long bits = Ipv4Hosts.bits(address); // the host parsed once for the look-up and the entry
        KnownAddress known = placement.known(address, bits);
        if (known != null) {
            if (!known.heardElsewhere && !known.source.equals(sourceGroup)) {
                known.heardElsewhere = true; // once true, no string to compare again
            }
            return false;
        }
        return !forgotten.isRecent(address) && placement.addNew(address, bits, sourceGroup);
    }

    /**
     * Adds an address its owner announced over a connection from that very IP: the node is alive
     * there now, whatever its address did before (a partition healed, a node came back), so it is
     * taken back even if it was forgotten. Third parties' word ({@link #add}) is not enough for that.
     */
    public boolean addFromItsOwner(TransportAddress address, String sourceGroup) {
        forgotten.lift(address);
        return add(address, sourceGroup);
    }

    /**
     * Adds an address from the answer of an outbound peer we asked while we are short of outbound
     * peers. A forgotten address is taken back on probation: what failed during a partition or an
     * outage may be all a node can reach once it is over, and the owners that would announce
     * themselves are not the ones dialling us. On probation it is not passed on and its next
     * failed dial forgets it again, so a peer that hands out dead addresses costs one dial each.
     */
    public boolean addWhileShortOfPeers(TransportAddress address, String sourceGroup) {
        return forgotten.isRecent(address) ? takeBack(address, sourceGroup) : add(address, sourceGroup);
    }

    /**
     * Takes back on probation up to {@code max} forgotten addresses that pass the filter, those
     * forgotten longest ago first, for a node short of outbound peers with nothing else to dial.
     * They come under one source group of their own ({@link #FORGOTTEN_SOURCE}), so like any one
     * source they reach at most 1/16 of the "new" buckets.
     *
     * @return how many were taken back
     */
    public int takeBackForgotten(int max, Predicate<TransportAddress> eligible) {
        int taken = 0;
        for (TransportAddress a : forgotten.oldest(max, eligible)) {
            if (takeBack(a, FORGOTTEN_SOURCE)) {
                taken++;
            }
        }
        return taken;
    }

    /** A forgotten address back in "new", one failure from being forgotten again and not passed on before it works. */
    private boolean takeBack(TransportAddress address, String sourceGroup) {
        Long forgottenAt = forgotten.lift(address);
        if (!add(address, sourceGroup)) {
            forgotten.restore(address, forgottenAt);
            return false;
        }
        placement.known(address).failures = FailurePolicy.onProbation();
        return true;
    }

    public void markAttempt(TransportAddress address, long nowMillis) {
        KnownAddress e = placement.known(address);
        if (e != null) {
            e.lastAttemptMillis = nowMillis;
        }
    }

    /**
     * The peer stayed: the address moves to (or is added in) "tried". If its tried slot holds another
     * address that worked lately, the newcomer waits in "new" as a collision until a feeler tests the
     * old one ({@link #collisionToTest}, {@link #resolveCollision}), as in Bitcoin Core.
     */
    public void markSuccess(TransportAddress address, long nowMillis) {
        forgotten.lift(address);
        KnownAddress e = placement.known(address);
        if (e != null && e.tried) {
            e.failures = 0;
            e.lastSuccessMillis = nowMillis;
            e.lastAttemptMillis = nowMillis;
            return;
        }
        String group = placement.groupOf(address);
        boolean occupantStays = TriedCollisions.occupantStays(placement.triedOccupant(address, group), nowMillis);
        if (e == null) {
            e = placement.entry(address, group, "self");
            if (!placement.placeNew(e, group) && occupantStays) {
                return; // no room in either table: it will be heard of again
            }
        }
        e.failures = 0;
        e.lastSuccessMillis = nowMillis;
        e.lastAttemptMillis = nowMillis;
        if (occupantStays) {
            collisions.remember(address);
            return;
        }
        placement.moveToTried(e, group);
    }

    /** The old side of the oldest pending tried-table collision: what the next feeler should test. */
    public Optional<TransportAddress> collisionToTest() {
        return collisions.toTest(placement);
    }

    /**
     * A feeler tested {@code occupant}, the old side of a collision: if it answered it keeps its slot
     * and the newcomer stays in "new"; if not, the newcomer takes the slot.
     */
    public void resolveCollision(TransportAddress occupant, boolean answered) {
        collisions.settle(occupant, placement).ifPresent(newcomer -> {
            KnownAddress e = placement.known(newcomer);
            if (!answered && e != null && !e.tried) {
                placement.moveToTried(e, placement.groupOf(newcomer));
            }
        });
    }

    public int collisionCount() {
        return collisions.size();
    }

    /** A dial failed: the entry may be demoted to "new" or forgotten ({@link FailurePolicy}). */
    public void markFailure(TransportAddress address) {
        KnownAddress e = placement.known(address);
        if (e == null) {
            return;
        }
        e.failures++;
        switch (FailurePolicy.afterFailure(e.tried, e.failures)) {
            case DEMOTE -> {
                placement.forget(e);
                e.failures = FailurePolicy.onProbation();
                placement.placeNew(e, placement.groupOf(e.address()));
            }
            case FORGET -> {
                placement.forget(e);
                forgotten.forgetNow(address);
            }
            case KEEP -> {
            }
        }
    }

    public void remove(TransportAddress address) {
        KnownAddress e = placement.known(address);
        if (e != null) {
            placement.forget(e);
        }
    }

    /** A random address passing the filter, from "tried" or "new" with even odds; failing ones less often. */
    public Optional<TransportAddress> select(Predicate<TransportAddress> eligible) {
        return selection.select(eligible);
    }

    /** A random "new" address that passes the filter (for feeler connections). */
    public Optional<TransportAddress> selectNew(Predicate<TransportAddress> eligible) {
        return selection.selectNew(eligible);
    }

    /**
     * Up to {@code max} random addresses passing the filter, for an AddrListResponse. Addresses whose
     * last dials failed are not passed on: a dead node's address should die out, not circulate.
     */
    public List<TransportAddress> sample(int max, Predicate<TransportAddress> include) {
        return selection.sample(max, include);
    }

    public List<AddressBookEntry> view() {
        List<AddressBookEntry> out = new ArrayList<>(size());
        placement.triedTable.entries().forEach(e -> out.add(e.view()));
        placement.newTable.entries().forEach(e -> out.add(e.view()));
        return out;
    }
}
