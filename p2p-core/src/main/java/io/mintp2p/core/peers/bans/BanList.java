package io.mintp2p.core.peers.bans;

import io.mintp2p.core.peers.BanEntry;
import io.mintp2p.core.peers.persistence.StateFile;
import io.mintp2p.core.peers.persistence.StateStorage;
import io.mintp2p.core.time.Clock;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Manual bans and automatic discouragements by {@link BanKey} (IPv4 address or IPv6 /64), each with
 * an expiry. A banned address is refused at accept; a discouraged one is not dialled and only
 * admitted while there is room. Expiry runs on the monotonic clock (a wall-clock step lifts nothing
 * early); the wall-clock expiry is kept only to show and persist it.
 *
 * <p>Thread-safe: transports consult it at accept while the node thread changes it. Automatic
 * discouragements are capped at {@link #MAX_DISCOURAGED}: past it the one expiring first goes, so a
 * peer cycling through addresses cannot grow it without bound.
 */
public final class BanList {
    private static final String FORMAT_HEADER = "mintp2p-bans v2";
    static final int MAX_DISCOURAGED = 10_000;

    private record Entry(BanEntry view, long untilMonotonicMillis) {
    }

    private final Clock clock;
    private final Map<BanKey, Entry> entries = new ConcurrentHashMap<>();

    BanList(Clock clock) {
        this.clock = clock;
    }

    public void ban(InetAddress address, java.time.Duration duration, String reason) {
        put(BanKey.of(address), duration.toMillis(), reason, true);
    }

    public synchronized void discourage(InetAddress address, java.time.Duration duration, String reason) {
        BanKey key = BanKey.of(address);
        Entry existing = entries.get(key);
        if (existing != null && existing.view().manual()) {
            return;
        }
        if (existing == null && discouragedCount() >= MAX_DISCOURAGED) {
            dropSoonestDiscouragement();
        }
        put(key, duration.toMillis(), reason, false);
    }

    private void put(BanKey key, long durationMillis, String reason, boolean manual) {
        Instant until = Instant.ofEpochMilli(clock.wallMillis()).plusMillis(durationMillis);
        entries.put(key, new Entry(new BanEntry(key.network(), key.prefixLength(), until, reason, manual),
                clock.monotonicMillis() + durationMillis));
    }

    private long discouragedCount() {
        return entries.values().stream().filter(e -> !e.view().manual()).count();
    }

    private void dropSoonestDiscouragement() {
        entries.entrySet().stream().filter(e -> !e.getValue().view().manual())
                .min(Comparator.comparingLong(e -> e.getValue().untilMonotonicMillis()))
                .ifPresent(e -> entries.remove(e.getKey()));
    }

    public boolean unban(InetAddress address) {
        return entries.remove(BanKey.of(address)) != null;
    }

    public boolean isBanned(InetAddress address) {
        Entry e = active(address);
        return e != null && e.view().manual();
    }

    public boolean isDiscouraged(InetAddress address) {
        Entry e = active(address);
        return e != null && !e.view().manual();
    }

    private Entry active(InetAddress address) {
        if (entries.isEmpty()) {
            return null; // the common case, asked for every connection: no key to build
        }
        BanKey key = BanKey.of(address);
        Entry e = entries.get(key);
        if (e != null && e.untilMonotonicMillis() <= clock.monotonicMillis()) {
            entries.remove(key, e);
            return null;
        }
        return e;
    }

    public void expire() {
        long now = clock.monotonicMillis();
        entries.values().removeIf(e -> e.untilMonotonicMillis() <= now);
    }

    /** Nobody banned or discouraged (expired entries may still count until {@link #expire}). */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    public List<BanEntry> entries() {
        List<BanEntry> out = new ArrayList<>();
        entries.values().forEach(e -> out.add(e.view()));
        return out;
    }

    /** One line per entry: network, prefix length, wall-clock expiry, manual flag, reason. */
    public String serialize() {
        StringBuilder sb = new StringBuilder(FORMAT_HEADER).append('\n');
        for (Entry entry : entries.values()) {
            BanEntry e = entry.view();
            sb.append(e.address().getHostAddress()).append('\t').append(e.prefixLength()).append('\t')
                    .append(e.until().toEpochMilli()).append('\t').append(e.manual() ? 1 : 0).append('\t')
                    .append(e.reason().replace('\t', ' ').replace('\n', ' ')).append('\n');
        }
        return sb.toString();
    }

    /**
     * Loads saved bans; the time left is taken from the persisted wall-clock expiry. An unreadable
     * file is set aside and the list starts empty (logged).
     */
    public static BanList load(StateStorage storage, Clock clock) {
        BanList list = new BanList(clock);
        try {
            for (String[] f : storage.records(StateFile.BANS, FORMAT_HEADER, 5)) {
                InetAddress ip = InetAddress.getByName(f[0]);
                long left = Long.parseLong(f[2]) - clock.wallMillis();
                if (left > 0) {
                    list.put(BanKey.of(ip), left, f[4], f[3].equals("1"));
                }
            }
            return list;
        } catch (IOException | RuntimeException e) {
            storage.setAsideUnreadable(StateFile.BANS, "ban list", e);
            return new BanList(clock);
        }
    }
}
