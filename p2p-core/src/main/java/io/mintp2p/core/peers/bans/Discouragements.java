package io.mintp2p.core.peers.bans;

import io.mintp2p.core.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Discouragements by {@link DiscouragementKey.Identity} or {@link DiscouragementKey.Endpoint}, each until
 * a monotonic expiry. (Network keys live in the {@link BanList}: they are consulted at accept and
 * persisted; these are in memory only, a restart forgets them.)
 *
 * <p>Bounded at {@code capacity}: past it the oldest discouragement goes first (all last the same
 * configured time, so the oldest is also the one expiring first), so peers cycling through identities
 * or ports cannot grow it without bound. Node thread only; nothing blocks.
 */
public final class Discouragements {
    /** The default cap, as for the ban list's discouragements. */
    public static final int MAX_DISCOURAGED = 10_000;

    private final Clock clock;
    private final int capacity;
    /** Insertion order, oldest first; a renewed key moves to the end. Values: monotonic expiry (ms). */
    private final LinkedHashMap<DiscouragementKey, Long> untilMillis = new LinkedHashMap<>();

    /** Empty; expiry is measured on {@code clock}'s monotonic time; at most {@code capacity} entries. */
    public Discouragements(Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.clock = clock;
        this.capacity = capacity;
    }

    /** Discourages (or renews) the key for {@code duration} from now; the oldest entry goes if full. */
    public void discourage(DiscouragementKey key, Duration duration) {
        if (key instanceof DiscouragementKey.Network) {
            throw new IllegalArgumentException("network keys belong in the ban list: " + key);
        }
        untilMillis.remove(key);
        untilMillis.put(key, clock.monotonicMillis() + duration.toMillis());
        if (untilMillis.size() > capacity) {
            Iterator<Map.Entry<DiscouragementKey, Long>> oldest = untilMillis.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Whether the key is discouraged now; an expired entry is forgotten on the way. */
    public boolean isDiscouraged(DiscouragementKey key) {
        if (untilMillis.isEmpty()) {
            return false; // the common case, asked for every dial and handshake
        }
        Long until = untilMillis.get(key);
        if (until == null) {
            return false;
        }
        if (until <= clock.monotonicMillis()) {
            untilMillis.remove(key);
            return false;
        }
        return true;
    }

    /** Forgets every expired entry (the peer manager's tick). */
    public void expire() {
        long now = clock.monotonicMillis();
        untilMillis.values().removeIf(until -> until <= now);
    }

    /** Nothing held (expired entries count until {@link #expire}): the cheap check before any key is built. */
    public boolean isEmpty() {
        return untilMillis.isEmpty();
    }

    /** Entries held, expired ones included until {@link #expire}. */
    public int size() {
        return untilMillis.size();
    }
}
