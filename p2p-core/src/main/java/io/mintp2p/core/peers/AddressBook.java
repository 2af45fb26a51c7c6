package io.mintp2p.core.peers;

import io.mintp2p.core.node.AddressBookEntry;
import io.mintp2p.core.transport.TransportAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Known addresses in two tables, after Bitcoin's addrman: "new" (heard of) and "tried" (we completed
 * a handshake with it). New entries are counted per source group, and one source may hold at most
 * {@link #MAX_NEW_PER_SOURCE} of them, so a single peer cannot fill the book with its own picks.
 */
public final class AddressBook {
    private static final Logger log = LoggerFactory.getLogger(AddressBook.class);
    static final int MAX_NEW_PER_SOURCE = 1024;
    static final int MAX_NEW = 16_384;
    static final int MAX_TRIED = 4_096;
    /** A new address failing this many dials in a row is forgotten; tried ones are demoted to new. */
    static final int MAX_FAILURES = 5;
    private static final String FORMAT_HEADER = "mintp2p-addresses v1";

    static final class Entry {
        final TransportAddress address;
        final String source;
        boolean tried;
        int failures;
        long lastSuccessMillis;
        long lastAttemptMillis;

        Entry(TransportAddress address, String source) {
            this.address = address;
            this.source = source;
        }

        AddressBookEntry view() {
            return new AddressBookEntry(address, tried, source, failures,
                    lastSuccessMillis == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastSuccessMillis)),
                    lastAttemptMillis == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastAttemptMillis)));
        }
    }

    private final Map<TransportAddress, Entry> entries = new LinkedHashMap<>();
    private final Map<String, Integer> newPerSource = new HashMap<>();
    private final RandomGenerator random;

    public AddressBook(RandomGenerator random) {
        this.random = random;
    }

    public int size() {
        return entries.size();
    }

    public boolean contains(TransportAddress address) {
        return entries.containsKey(address);
    }

    /** Adds a heard-of address; false when it was known already or the source used up its share. */
    public boolean add(TransportAddress address, String sourceGroup) {
        if (entries.containsKey(address)) {
            return false;
        }
        if (newPerSource.getOrDefault(sourceGroup, 0) >= MAX_NEW_PER_SOURCE) {
            return false;
        }
        if (countNew() >= MAX_NEW) {
            evictOneNew();
        }
        entries.put(address, new Entry(address, sourceGroup));
        newPerSource.merge(sourceGroup, 1, Integer::sum);
        return true;
    }

    /** A handshake with the address succeeded: it moves to (or is added in) the tried table. */
    public void markSuccess(TransportAddress address, long nowMillis) {
        Entry e = entries.get(address);
        if (e == null) {
            e = new Entry(address, "self");
            entries.put(address, e);
        } else if (!e.tried) {
            newPerSource.merge(e.source, -1, Integer::sum);
        }
        if (!e.tried && countTried() >= MAX_TRIED) {
            demoteOldestTried();
        }
        e.tried = true;
        e.failures = 0;
        e.lastSuccessMillis = nowMillis;
        e.lastAttemptMillis = nowMillis;
    }

    public void markAttempt(TransportAddress address, long nowMillis) {
        Entry e = entries.get(address);
        if (e != null) {
            e.lastAttemptMillis = nowMillis;
        }
    }

    /** A dial failed: new entries are forgotten after {@link #MAX_FAILURES}, tried ones demoted. */
    public void markFailure(TransportAddress address) {
        Entry e = entries.get(address);
        if (e == null) {
            return;
        }
        e.failures++;
        if (e.failures >= MAX_FAILURES) {
            if (e.tried) {
                e.tried = false;
                e.failures = 0;
                newPerSource.merge(e.source, 1, Integer::sum);
            } else {
                remove(address);
            }
        }
    }

    public void remove(TransportAddress address) {
        Entry e = entries.remove(address);
        if (e != null && !e.tried) {
            newPerSource.merge(e.source, -1, Integer::sum);
        }
    }

    /** A random dialable address, from "tried" or "new" with even odds when both have candidates. */
    public Optional<TransportAddress> select(Predicate<TransportAddress> eligible) {
        List<Entry> tried = new ArrayList<>();
        List<Entry> fresh = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (eligible.test(e.address)) {
                (e.tried ? tried : fresh).add(e);
            }
        }
        if (tried.isEmpty() && fresh.isEmpty()) {
            return Optional.empty();
        }
        List<Entry> from = tried.isEmpty() ? fresh : fresh.isEmpty() ? tried : (random.nextBoolean() ? tried : fresh);
        return Optional.of(from.get(random.nextInt(from.size())).address);
    }

    /** A random "new" address that passes the filter (for feeler connections). */
    public Optional<TransportAddress> selectNew(Predicate<TransportAddress> eligible) {
        List<Entry> fresh = entries.values().stream().filter(e -> !e.tried && eligible.test(e.address)).toList();
        return fresh.isEmpty() ? Optional.empty() : Optional.of(fresh.get(random.nextInt(fresh.size())).address);
    }

    /** Up to {@code max} random addresses passing the filter, for an AddrListResponse. */
    public List<TransportAddress> sample(int max, Predicate<TransportAddress> include) {
        List<TransportAddress> all = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (include.test(e.address)) {
                all.add(e.address);
            }
        }
        Collections.shuffle(all, new java.util.Random(random.nextLong()));
        return all.size() <= max ? all : new ArrayList<>(all.subList(0, max));
    }

    public List<AddressBookEntry> view() {
        return entries.values().stream().map(Entry::view).toList();
    }

    private long countNew() {
        return entries.values().stream().filter(e -> !e.tried).count();
    }

    /** Entries in the tried table. */
    public int triedCount() {
        return (int) countTried();
    }

    private long countTried() {
        return entries.values().stream().filter(e -> e.tried).count();
    }

    /** Makes room in "new" by dropping a random entry of the source that holds most. */
    private void evictOneNew() {
        String biggest = newPerSource.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).orElse(null);
        List<Entry> candidates = entries.values().stream()
                .filter(e -> !e.tried && e.source.equals(biggest)).toList();
        if (!candidates.isEmpty()) {
            remove(candidates.get(random.nextInt(candidates.size())).address);
        }
    }

    private void demoteOldestTried() {
        entries.values().stream().filter(e -> e.tried).min(Comparator.comparingLong(e -> e.lastSuccessMillis))
                .ifPresent(e -> {
                    e.tried = false;
                    newPerSource.merge(e.source, 1, Integer::sum);
                });
    }

    // --- persistence: one line per entry, written atomically -------------------------------------------

    public void save(Path file) throws IOException {
        AtomicFiles.write(file, serialize());
    }

    /** The saved form: a header line, then one tab-separated line per entry. */
    public String serialize() {
        StringBuilder sb = new StringBuilder(FORMAT_HEADER).append('\n');
        for (Entry e : entries.values()) {
            sb.append(e.address).append('\t').append(e.tried ? 1 : 0).append('\t').append(e.source.replace('\t', ' '))
                    .append('\t').append(e.failures).append('\t').append(e.lastSuccessMillis)
                    .append('\t').append(e.lastAttemptMillis).append('\n');
        }
        return sb.toString();
    }

    /**
     * Loads a saved book. A file that cannot be read is set aside (renamed, not deleted) and the book
     * starts empty: a damaged file must neither stop the node nor be overwritten by a partial one.
     */
    public static AddressBook load(Path file, RandomGenerator random) {
        AddressBook book = new AddressBook(random);
        try {
            for (String[] f : AtomicFiles.records(file, FORMAT_HEADER, 6)) {
                Entry e = new Entry(TransportAddress.parse(f[0]), f[2]);
                e.tried = f[1].equals("1");
                e.failures = Integer.parseInt(f[3]);
                e.lastSuccessMillis = Long.parseLong(f[4]);
                e.lastAttemptMillis = Long.parseLong(f[5]);
                book.entries.put(e.address, e);
                if (!e.tried) {
                    book.newPerSource.merge(e.source, 1, Integer::sum);
                }
            }
            return book;
        } catch (IOException | RuntimeException e) {
            AtomicFiles.setAsideUnreadable(file, "address book", e);
            return new AddressBook(random);
        }
    }

}
