package io.mintp2p.core.peers.eviction;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hosts this node evicted lately, so that one coming straight back is not taken for a newcomer (the
 * newcomers' grace is for first arrivals, not for redialling evictees). Bounded in entries and in
 * time: the oldest entry goes when a new one would exceed {@link #MAX_HOSTS}, and an entry older than
 * {@link #REMEMBERED_MILLIS} no longer counts.
 * <p>Node thread only; nothing blocks.
 */
final class RecentEvictions {
    static final int MAX_HOSTS = 256;
    static final long REMEMBERED_MILLIS = 30 * 60_000L;

    private final Map<String, Long> evictedAt = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_HOSTS;
        }
    };

    /** Records that {@code host} was evicted at {@code nowMillis} (monotonic). */
    void add(String host, long nowMillis) {
        evictedAt.remove(host); // re-inserted as the newest, so a repeat offender is the last to be forgotten
        evictedAt.put(host, nowMillis);
    }

    /** Whether {@code host} was evicted within {@link #REMEMBERED_MILLIS} before {@code nowMillis}. */
    boolean contains(String host, long nowMillis) {
        Long at = evictedAt.get(host);
        return at != null && nowMillis - at < REMEMBERED_MILLIS;
    }

    int size() {
        return evictedAt.size();
    }
}
