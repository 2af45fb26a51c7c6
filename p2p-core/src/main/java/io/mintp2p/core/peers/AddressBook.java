package io.mintp2p.core.peers;

import io.mintp2p.core.peers.persistence.StateFile;
import io.mintp2p.core.peers.persistence.StateStorage;
import io.mintp2p.core.transport.TransportAddress;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Known addresses in Bitcoin Core's addrman layout (the Mintlayer node's peerdb uses the same):
 * a "new" table of buckets for addresses heard of, a "tried" table of buckets for addresses whose
 * peer stayed, {@link #BUCKET_SIZE} slots each ({@link Tables}: Bitcoin Core's 1024 and 256 by
 * default, fewer where thousands of nodes share a process). Where an address goes is decided by a
 * secret salt, its address group and, for "new", the group of the peer that told us; one source
 * group reaches at most 1/16 of the new buckets ({@link #NEW_BUCKETS_PER_SOURCE_GROUP} of the
 * default 1024), so one peer (or one attacker network) cannot fill the book however many addresses
 * it sends, and one address group holds at most {@link #MAX_NEW_PER_GROUP} "new" entries, so a
 * network whose addresses honest peers relay cannot either. Addresses that keep failing are
 * forgotten and not passed on. A taken slot keeps its address unless that one is terrible (it
 * failed again and again, or, in "new", it was heard of from another source too and the newcomer from
 * none, as Bitcoin Core's addrman does). The book never holds more than its tables' slots. Every operation is
 * O(1) but {@link #sample} and {@link #view} (O(n), once per request).
 */
public final class AddressBook {
    static final int BUCKET_SIZE = 64;
    /** Per default tables; with smaller ones, the same share of them (see {@link Tables}). */
    static final int NEW_BUCKETS_PER_SOURCE_GROUP = 64;
    static final int TRIED_BUCKETS_PER_GROUP = 8;
    /** A tried address failing this many dials in a row is demoted to "new", one failure from being forgotten. */
    static final int MAX_FAILURES = 5;
    /** A new address failing this many dials in a row (it never worked since we heard of it) is forgotten. */
    static final int MAX_FAILURES_NEW = 3;
    /**
     * A forgotten address is not taken back from gossip for this long: dead nodes' addresses keep
     * circulating in other books, and would otherwise come back as fast as they are forgotten.
     */
    static final Duration FORGOTTEN_FOR = Duration.ofHours(1);
    static final int MAX_FORGOTTEN = 10_000;
    /** The source group of forgotten addresses taken back by {@link #takeBackForgotten}. */
    static final String FORGOTTEN_SOURCE = "forgotten";
    /**
     * At most this many "new" entries per address group, whoever told us: one network (an attacker's
     * /16) cannot fill the book through many honest relayers. Outbound peers are one per group, so a
     * few addresses per group is all dialling needs.
     */
    static final int MAX_NEW_PER_GROUP = 16;
    /** How much each failed dial in a row lowers an entry's chance to be selected. */
    static final double FAILURE_CHANCE = 0.66;
    /** Random probes per selection before giving up: O(1) even when few entries pass the filter. */
    static final int SELECT_PROBES = 128;
    /** Tried-table collisions waiting for a feeler; more are dropped, oldest first. */
    static final int MAX_COLLISIONS = 10;
    /** A tried entry that worked within this long is tested before a newer success may replace it. */
    static final Duration COLLISION_KEEP_OLD_FOR = Duration.ofHours(4);
    private static final String FORMAT_HEADER = "mintp2p-addresses v2";
    private static final long FNV_PRIME = 0x100000001b3L;

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

    static final class Entry {
        final TransportAddress address;
        /**
         * The salted hash of the address's group, worked out once: slots and per-group counts need it
         * again and again, and a long costs less than the name where every address is a group of its own.
         */
        final long group;
        final String source;
        boolean tried;
        int failures;
        long lastSuccessMillis;
        long lastAttemptMillis;
        /**
         * Also heard of from another source group than the one that placed it: Bitcoin Core's
         * {@code nRefCount > 1}. Other books hold it too, so in "new" it gives its slot to an address
         * heard of nowhere else; else the first addresses a full book heard of would keep their slots
         * for good, and a growing network's newer nodes would never get into it.
         */
        boolean heardElsewhere;
        int slot;
        /** Position in {@link #newList} or {@link #triedList}, for O(1) removal and random picks. */
        int index;

        Entry(TransportAddress address, long group, String source) {
            this.address = address;
            this.group = group;
            this.source = source;
        }

        AddressBookEntry view() {
            return new AddressBookEntry(address, tried, source, failures,
                    lastSuccessMillis == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastSuccessMillis)),
                    lastAttemptMillis == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastAttemptMillis)));
        }

        boolean isTerrible() {
            return failures >= MAX_FAILURES_NEW - 1;
        }
    }

    private final RandomGenerator random;
    private final Function<TransportAddress, String> groupOf;
    private final long salt;
    private final Tables tables;
    private final Map<TransportAddress, Entry> byAddress = new HashMap<>();
    /** The tables: slot number (bucket * BUCKET_SIZE + position) to entry. */
    private final SlotTable newSlots = new SlotTable();
    private final SlotTable triedSlots = new SlotTable();
    private final List<Entry> newList = new ArrayList<>();
    private final List<Entry> triedList = new ArrayList<>();
    /** Addresses that earned a tried slot held by an entry still to be tested (see {@link #markSuccess}). */
    private final Set<TransportAddress> collisions = new LinkedHashSet<>();
    /** Addresses forgotten after failing, with when (monotonic ms): not re-learned for {@link #FORGOTTEN_FOR}. */
    private final Map<TransportAddress, Long> forgotten = new LinkedHashMap<>();
    private final GroupCounts newPerGroup = new GroupCounts();
    private final LongSupplier monotonicMillis;

    /**
     * @param groupOf         the address group of an address (as the peer manager counts diversity)
     * @param monotonicMillis the clock forgotten addresses are timed with
     */
    public AddressBook(RandomGenerator random, Function<TransportAddress, String> groupOf, LongSupplier monotonicMillis) {
        this(Tables.DEFAULT, random, groupOf, monotonicMillis);
    }

    public AddressBook(Tables tables, RandomGenerator random, Function<TransportAddress, String> groupOf,
                       LongSupplier monotonicMillis) {
        this(tables, random, groupOf, monotonicMillis, random.nextLong());
    }

    private AddressBook(Tables tables, RandomGenerator random, Function<TransportAddress, String> groupOf,
                        LongSupplier monotonicMillis, long salt) {
        this.tables = tables;
        this.random = random;
        this.groupOf = groupOf;
        this.monotonicMillis = monotonicMillis;
        this.salt = salt;
    }

    public Tables tables() {
        return tables;
    }

    public int size() {
        return byAddress.size();
    }

    public int triedCount() {
        return triedList.size();
    }

    public boolean contains(TransportAddress address) {
        return byAddress.containsKey(address);
    }

    /** Adds a heard-of address; false when it was known already or its slot holds a better one. */
    public boolean add(TransportAddress address, String sourceGroup) {
        Entry known = byAddress.get(address);
        if (known != null) {
            if (!known.heardElsewhere && !known.source.equals(sourceGroup)) {
                known.heardElsewhere = true; // once true, no string to compare again
            }
            return false;
        }
        if (recentlyForgotten(address)) {
            return false;
        }
        String group = groupOf.apply(address);
        int slot = freeNewSlot(address, sourceGroup, group);
        if (slot < 0) {
            return false; // the common case once the book is full: no entry made for it
        }
        long key = groupKey(group);
        if (!groupHasRoom(key)) {
            return false;
        }
        placeNewAt(new Entry(address, key, sourceGroup), slot);
        return true;
    }

    /**
     * Adds an address its owner announced over a connection from that very IP: the node is alive
     * there now, whatever its address did before (a partition healed, a node came back), so it is
     * taken back even if it was forgotten. Third parties' word ({@link #add}) is not enough for that.
     */
    public boolean addFromItsOwner(TransportAddress address, String sourceGroup) {
        forgotten.remove(address);
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
        return recentlyForgotten(address) ? takeBack(address, sourceGroup) : add(address, sourceGroup);
    }

    /**
     * Takes back on probation up to {@code max} forgotten addresses that pass the filter, those
     * forgotten longest ago first, for a node short of outbound peers with nothing else to dial: what
     * failed while a partition or an outage lasted may be all it can reach now. They come under one
     * source group of their own ({@link #FORGOTTEN_SOURCE}), so like any one source they reach at
     * most 1/16 of the "new" buckets.
     *
     * @return how many were taken back
     */
    public int takeBackForgotten(int max, Predicate<TransportAddress> eligible) {
        List<TransportAddress> picked = new ArrayList<>();
        for (TransportAddress a : forgotten.keySet()) {
            if (picked.size() == max) {
                break;
            }
            if (eligible.test(a)) {
                picked.add(a);
            }
        }
        int taken = 0;
        for (TransportAddress a : picked) {
            if (takeBack(a, FORGOTTEN_SOURCE)) {
                taken++;
            }
        }
        return taken;
    }

    /** A forgotten address back in "new", one failure from being forgotten again and not passed on before it works. */
    private boolean takeBack(TransportAddress address, String sourceGroup) {
        Long forgottenAt = forgotten.remove(address);
        if (!add(address, sourceGroup)) {
            forgotten.put(address, forgottenAt);
            return false;
        }
        byAddress.get(address).failures = MAX_FAILURES_NEW - 1;
        return true;
    }

    /** @param group the entry's group by name (what its slot is worked out from) */
    private boolean placeNew(Entry e, String group) {
        int slot = freeNewSlot(e.address, e.source, group);
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
        int slot = newSlot(source, groupName, address);
        Entry occupant = newSlots.get(slot);
        return occupant == null || occupant.isTerrible() || occupant.heardElsewhere ? slot : -1;
    }

    /** Whether the group holds fewer than its share of "new" entries. */
    private boolean groupHasRoom(long group) {
        return newPerGroup.get(group) < MAX_NEW_PER_GROUP;
    }

    /** Puts the entry in the slot {@link #freeNewSlot} gave, forgetting whoever held it. */
    private void placeNewAt(Entry e, int slot) {
        Entry occupant = newSlots.get(slot);
        if (occupant != null) {
            forget(occupant);
        }
        e.tried = false;
        e.slot = slot;
        newSlots.add(e);
        append(newList, e);
        newPerGroup.increment(e.group);
        byAddress.put(e.address, e);
    }

    private boolean recentlyForgotten(TransportAddress address) {
        if (forgotten.isEmpty()) {
            return false;
        }
        Long at = forgotten.get(address);
        if (at == null) {
            return false;
        }
        if (monotonicMillis.getAsLong() - at < FORGOTTEN_FOR.toMillis()) {
            return true;
        }
        forgotten.remove(address);
        return false;
    }

    public void markAttempt(TransportAddress address, long nowMillis) {
        Entry e = byAddress.get(address);
        if (e != null) {
            e.lastAttemptMillis = nowMillis;
        }
    }

    /**
     * The peer stayed: the address moves to (or is added in) "tried". If its tried slot holds another
     * address that worked lately, that one is not pushed out on the word of a newer success: the
     * newcomer waits in "new" as a collision until a feeler tests the old one ({@link #collisionToTest},
     * {@link #resolveCollision}), as in Bitcoin Core. An old entry that is terrible or has not worked
     * for {@link #COLLISION_KEEP_OLD_FOR} gives way at once.
     */
    public void markSuccess(TransportAddress address, long nowMillis) {
        forgotten.remove(address);
        Entry e = byAddress.get(address);
        if (e != null && e.tried) {
            e.failures = 0;
            e.lastSuccessMillis = nowMillis;
            e.lastAttemptMillis = nowMillis;
            return;
        }
        String group = groupOf.apply(address);
        Entry occupant = triedSlots.get(triedSlot(address, group));
        boolean occupantStays = occupant != null && !occupant.isTerrible()
                && nowMillis - occupant.lastSuccessMillis < COLLISION_KEEP_OLD_FOR.toMillis();
        if (e == null) {
            e = new Entry(address, groupKey(group), "self");
            if (!placeNew(e, group) && occupantStays) {
                return; // no room in either table: it will be heard of again
            }
        }
        e.failures = 0;
        e.lastSuccessMillis = nowMillis;
        e.lastAttemptMillis = nowMillis;
        if (occupantStays) {
            rememberCollision(address);
            return;
        }
        moveToTried(e, group);
    }

    /** Puts a known entry in its tried slot; whoever held the slot goes back to "new". */
    private void moveToTried(Entry e, String group) {
        detach(e);
        int slot = triedSlot(e.address, group);
        Entry occupant = triedSlots.get(slot);
        if (occupant != null) {
            triedSlots.remove(occupant);
            remove(triedList, occupant);
            byAddress.remove(occupant.address);
            placeNew(occupant, groupOf.apply(occupant.address));
        }
        e.tried = true;
        e.slot = slot;
        triedSlots.add(e);
        append(triedList, e);
        byAddress.put(e.address, e);
    }

    private void rememberCollision(TransportAddress address) {
        collisions.remove(address);
        collisions.add(address);
        if (collisions.size() > MAX_COLLISIONS) {
            collisions.remove(collisions.iterator().next());
        }
    }

    /** The old side of the oldest pending tried-table collision: what the next feeler should test. */
    public Optional<TransportAddress> collisionToTest() {
        for (var it = collisions.iterator(); it.hasNext(); ) {
            TransportAddress newcomer = it.next();
            Entry e = byAddress.get(newcomer);
            Entry occupant = e == null ? null : triedSlots.get(triedSlot(newcomer, groupOf.apply(newcomer)));
            if (e == null || e.tried || occupant == null) {
                it.remove();
                continue;
            }
            return Optional.of(occupant.address);
        }
        return Optional.empty();
    }

    /**
     * A feeler tested {@code occupant}, the old side of a collision: if it answered it keeps its slot
     * and the newcomer stays in "new"; if not, the newcomer takes the slot.
     */
    public void resolveCollision(TransportAddress occupant, boolean answered) {
        for (var it = collisions.iterator(); it.hasNext(); ) {
            TransportAddress newcomer = it.next();
            Entry e = byAddress.get(newcomer);
            String group = groupOf.apply(newcomer);
            Entry holder = triedSlots.get(triedSlot(newcomer, group));
            if (holder == null || !holder.address.equals(occupant)) {
                continue;
            }
            it.remove();
            if (!answered && e != null && !e.tried) {
                moveToTried(e, group);
            }
            return;
        }
    }

    public int collisionCount() {
        return collisions.size();
    }

    /**
     * A dial failed: a new entry is forgotten after {@link #MAX_FAILURES_NEW} failures in a row (and
     * not taken back from gossip for {@link #FORGOTTEN_FOR}); a tried one is demoted to new after
     * {@link #MAX_FAILURES}, one failure from being forgotten.
     */
    public void markFailure(TransportAddress address) {
        Entry e = byAddress.get(address);
        if (e == null) {
            return;
        }
        e.failures++;
        if (e.tried && e.failures >= MAX_FAILURES) {
            forget(e);
            e.failures = MAX_FAILURES_NEW - 1;
            placeNew(e, groupOf.apply(e.address));
        } else if (!e.tried && e.failures >= MAX_FAILURES_NEW) {
            forget(e);
            forgotten.put(address, monotonicMillis.getAsLong());
            if (forgotten.size() > MAX_FORGOTTEN) {
                forgotten.remove(forgotten.keySet().iterator().next());
            }
        }
    }

    public void remove(TransportAddress address) {
        Entry e = byAddress.get(address);
        if (e != null) {
            forget(e);
        }
    }

    /** A random address passing the filter, from "tried" or "new" with even odds. */
    public Optional<TransportAddress> select(Predicate<TransportAddress> eligible) {
        boolean triedFirst = !triedList.isEmpty() && (newList.isEmpty() || random.nextBoolean());
        Optional<TransportAddress> first = pick(triedFirst ? triedList : newList, eligible);
        return first.isPresent() ? first : pick(triedFirst ? newList : triedList, eligible);
    }

    /** A random "new" address that passes the filter (for feeler connections). */
    public Optional<TransportAddress> selectNew(Predicate<TransportAddress> eligible) {
        return pick(newList, eligible);
    }

    /**
     * Random probes; an entry whose last dials failed is taken with a lower chance (0.66 per failure,
     * as Bitcoin Core's addrman), so the addresses of nodes that went away are dialled less and less
     * while they wait to be forgotten. The chance grows with every probe, so a book of failing
     * entries still gives one.
     */
    private Optional<TransportAddress> pick(List<Entry> from, Predicate<TransportAddress> eligible) {
        double factor = 1.0;
        for (int i = 0; i < SELECT_PROBES && !from.isEmpty(); i++) {
            Entry e = from.get(random.nextInt(from.size()));
            double chance = Math.pow(FAILURE_CHANCE, Math.min(e.failures, 8)) * factor;
            factor *= 1.2;
            if (random.nextDouble() < chance && eligible.test(e.address)) {
                return Optional.of(e.address);
            }
        }
        return Optional.empty();
    }

    /**
     * Up to {@code max} random addresses passing the filter, for an AddrListResponse. Addresses whose
     * last dials failed are not passed on: a dead node's address should die out, not circulate.
     */
    public List<TransportAddress> sample(int max, Predicate<TransportAddress> include) {
        List<Entry> all = new ArrayList<>(triedList.size() + newList.size());
        all.addAll(triedList);
        all.addAll(newList);
        List<TransportAddress> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && out.size() < max; i--) {
            int j = random.nextInt(i + 1);
            Entry pick = all.get(j);
            all.set(j, all.get(i));
            if (pick.failures == 0 && include.test(pick.address)) {
                out.add(pick.address);
            }
        }
        return out;
    }

    public List<AddressBookEntry> view() {
        List<AddressBookEntry> out = new ArrayList<>(size());
        triedList.forEach(e -> out.add(e.view()));
        newList.forEach(e -> out.add(e.view()));
        return out;
    }

    // --- tables ----------------------------------------------------------------------------------------

    // Slots are Bitcoin Core's, over a salted FNV-1a of the UTF-8 of "a", a zero byte and "b", then
    // SplitMix64's finalizer: the same slots as when the strings were built, so a saved book loads
    // into the buckets it left. The strings are fed char by char instead: this runs for every
    // address heard of.

    private int newSlot(String source, String group, TransportAddress address) {
        long ofSource = separator(utf8(start(), source));
        long perSource = Long.remainderUnsigned(finish(utf8(ofSource, group)), tables.newBucketsPerSourceGroup());
        int bucket = (int) Long.remainderUnsigned(finish(decimal(ofSource, perSource)), tables.newBuckets());
        return bucket * BUCKET_SIZE + position(bucket, address);
    }

    private int triedSlot(TransportAddress address, String group) {
        long perGroup = Long.remainderUnsigned(finish(separator(address(start(), address))), tables.triedBucketsPerGroup());
        int bucket = (int) Long.remainderUnsigned(finish(decimal(separator(utf8(start(), group)), perGroup)),
                tables.triedBuckets());
        return bucket * BUCKET_SIZE + position(bucket, address);
    }

    private int position(int bucket, TransportAddress address) {
        return (int) Long.remainderUnsigned(finish(decimal(separator(address(start(), address)), bucket)), BUCKET_SIZE);
    }

    /** A group by its salted hash: equal for equal names, and no one without the salt can make two collide. */
    private long groupKey(String group) {
        return finish(utf8(start(), group));
    }

    private long start() {
        return 0xcbf29ce484222325L ^ salt;
    }

    private static long octet(long h, int b) {
        return (h ^ (b & 0xFF)) * FNV_PRIME;
    }

    private static long separator(long h) {
        return octet(h, 0);
    }

    /** The UTF-8 bytes of the string, as {@code getBytes(UTF_8)} gives them. */
    private static long utf8(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                h = octet(h, c);
            } else if (c < 0x800) {
                h = octet(octet(h, 0xC0 | c >> 6), 0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                h = octet(octet(octet(octet(h, 0xF0 | cp >> 18), 0x80 | cp >> 12 & 0x3F), 0x80 | cp >> 6 & 0x3F),
                        0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                h = octet(h, '?'); // what getBytes makes of a lone surrogate
            } else {
                h = octet(octet(octet(h, 0xE0 | c >> 12), 0x80 | c >> 6 & 0x3F), 0x80 | c & 0x3F);
            }
        }
        return h;
    }

    /** The decimal digits of a number that is not negative, as {@code Long.toString} writes them. */
    private static long decimal(long h, long v) {
        long scale = 1;
        while (v / scale >= 10) {
            scale *= 10;
        }
        for (; scale > 0; scale /= 10) {
            h = octet(h, '0' + (int) (v / scale % 10));
        }
        return h;
    }

    /** The address as {@link TransportAddress#toString()} writes it. */
    private static long address(long h, TransportAddress a) {
        h = utf8(utf8(h, a.scheme()), "://");
        boolean v6 = a.host().indexOf(':') >= 0;
        if (v6) {
            h = octet(h, '[');
        }
        h = utf8(h, a.host());
        if (v6) {
            h = octet(h, ']');
        }
        h = decimal(octet(h, ':'), a.port());
        if (a.pinnedIdentity().isPresent()) {
            h = utf8(octet(h, '#'), a.pinnedIdentity().get().hex());
        }
        return h;
    }

    private long finish(long h) {
        h ^= salt;
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    /** Takes the entry out of its table, keeping it known. */
    private void detach(Entry e) {
        if (e.tried) {
            triedSlots.remove(e);
            remove(triedList, e);
        } else if (newSlots.remove(e)) {
            remove(newList, e);
            newPerGroup.decrement(e.group);
        }
    }

    private void forget(Entry e) {
        detach(e);
        byAddress.remove(e.address);
    }

    private static void append(List<Entry> list, Entry e) {
        e.index = list.size();
        list.add(e);
    }

    /** O(1): the last entry takes the removed one's place. */
    private static void remove(List<Entry> list, Entry e) {
        int i = e.index;
        if (i >= list.size() || list.get(i) != e) {
            return;
        }
        Entry last = list.remove(list.size() - 1);
        if (last != e) {
            list.set(i, last);
            last.index = i;
        }
    }

    // --- persistence: the salt, then one line per entry, written atomically -----------------------------

    /** The saved form: a header line, the salt, then one tab-separated line per entry. */
    public String serialize() {
        StringBuilder sb = new StringBuilder(FORMAT_HEADER).append('\n');
        sb.append("salt\t").append(Long.toHexString(salt)).append("\t0\t-\t0\t0\n");
        for (Entry e : triedList) {
            line(sb, e);
        }
        for (Entry e : newList) {
            line(sb, e);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, Entry e) {
        sb.append(e.address).append('\t').append(e.tried ? 1 : 0).append('\t').append(e.failures).append('\t')
                .append(e.source.replace('\t', ' ').replace('\n', ' ')).append('\t').append(e.lastSuccessMillis)
                .append('\t').append(e.lastAttemptMillis).append('\n');
    }

    /**
     * Loads a saved book into the same buckets (the salt is saved with it). A file that cannot be read
     * (damaged, or of an unknown version) is set aside, renamed and never deleted, and the book starts
     * empty: it must neither stop the node nor be overwritten by a partial one.
     */
    public static AddressBook load(StateStorage storage, RandomGenerator random,
                                   Function<TransportAddress, String> groupOf, LongSupplier monotonicMillis) {
        return load(storage, Tables.DEFAULT, random, groupOf, monotonicMillis);
    }

    /** Loads into tables of the given size: what does not fit smaller ones is dropped, as when they fill up. */
    public static AddressBook load(StateStorage storage, Tables tables, RandomGenerator random,
                                   Function<TransportAddress, String> groupOf, LongSupplier monotonicMillis) {
        try {
            List<String[]> records = storage.records(StateFile.ADDRESSES, FORMAT_HEADER, 6);
            if (records.isEmpty()) {
                return new AddressBook(tables, random, groupOf, monotonicMillis);
            }
            if (!records.get(0)[0].equals("salt")) {
                throw new IOException("no salt line");
            }
            AddressBook book = new AddressBook(tables, random, groupOf, monotonicMillis,
                    Long.parseUnsignedLong(records.get(0)[1], 16));
            for (String[] f : records.subList(1, records.size())) {
                TransportAddress address = TransportAddress.parse(f[0]);
                book.add(address, f[3]);
                if (f[1].equals("1")) {
                    book.markSuccess(address, Long.parseLong(f[4]));
                }
                Entry e = book.byAddress.get(address);
                if (e != null) {
                    e.failures = Integer.parseInt(f[2]);
                    e.lastSuccessMillis = Long.parseLong(f[4]);
                    e.lastAttemptMillis = Long.parseLong(f[5]);
                }
            }
            return book;
        } catch (IOException | RuntimeException e) {
            storage.setAsideUnreadable(StateFile.ADDRESSES, "address book", e);
            return new AddressBook(tables, random, groupOf, monotonicMillis);
        }
    }
}
