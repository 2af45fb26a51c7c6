package io.mintp2p.core.peers.manager;

import io.mintp2p.core.transport.TransportAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with jitter per address, so a dead address is retried ever less often and
 * never in a hot loop: 1 s, 2 s, 4 s ... capped at {@link #MAX_DELAY}, each plus up to 25 % jitter.
 * Times are monotonic milliseconds. Bounded: an entry is forgotten once its address has been
 * dialable again for {@link #FORGET_AFTER}, and at most {@link #MAX_ENTRIES} are kept (the oldest
 * failure goes first), so addresses a peer feeds us cannot grow it without bound.
 * <p>Node thread only; nothing blocks.
 */
final class Backoff {
    static final Duration BASE_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(10);
    /** Boot and reserved nodes are how a node finds its way back: they are retried more often. */
    static final Duration MAX_DELAY_WELL_KNOWN = Duration.ofMinutes(1);
    static final Duration FORGET_AFTER = Duration.ofMinutes(30);
    static final int MAX_ENTRIES = 10_000;

    private record State(int failures, long retryAtMillis) {
    }

    /** In insertion order of the latest failure, so the first entry is the stalest. */
    private final Map<TransportAddress, State> states = new LinkedHashMap<>();
    private final RandomGenerator random;

    public Backoff(RandomGenerator random) {
        this.random = random;
    }

    public void failed(TransportAddress address, long nowMillis, boolean wellKnown) {
        State previous = states.remove(address);
        int failures = previous != null ? previous.failures() + 1 : 1;
        long cap = (wellKnown ? MAX_DELAY_WELL_KNOWN : MAX_DELAY).toMillis();
        long delay = Math.min(cap, BASE_DELAY.toMillis() << Math.min(failures - 1, 20));
        long jitter = (long) (delay * 0.25 * random.nextDouble());
        states.put(address, new State(failures, nowMillis + delay + jitter));
        if (states.size() > MAX_ENTRIES) {
            Iterator<TransportAddress> oldest = states.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    public void succeeded(TransportAddress address) {
        states.remove(address);
    }

    public boolean mayDial(TransportAddress address, long nowMillis) {
        State s = states.get(address);
        return s == null || nowMillis >= s.retryAtMillis();
    }

    public int failures(TransportAddress address) {
        State s = states.get(address);
        return s == null ? 0 : s.failures();
    }

    /**
     * Forgets addresses that have been dialable again for a long time. Runs every tick, so it looks
     * from the stalest failure on and stops at the first entry to keep: it costs what it forgets, not
     * the whole map. An entry behind one with a longer delay is forgotten that much later (at most
     * {@link #MAX_DELAY} and its jitter).
     */
    public void prune(long nowMillis) {
        for (Iterator<State> it = states.values().iterator(); it.hasNext(); ) {
            if (nowMillis - it.next().retryAtMillis() <= FORGET_AFTER.toMillis()) {
                return;
            }
            it.remove();
        }
    }

    public int size() {
        return states.size();
    }
}
