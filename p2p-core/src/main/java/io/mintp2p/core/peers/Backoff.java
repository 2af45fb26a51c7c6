package io.mintp2p.core.peers;

import io.mintp2p.core.transport.TransportAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with jitter per address, so a dead address is retried ever less often and
 * never in a hot loop: 1 s, 2 s, 4 s ... capped at {@link #MAX_DELAY}, each plus up to 25 % jitter.
 */
public final class Backoff {
    static final Duration BASE_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(10);
    /** Boot and reserved nodes are how a node finds its way back: they are retried more often. */
    static final Duration MAX_DELAY_WELL_KNOWN = Duration.ofMinutes(1);

    private record State(int failures, long retryAtMillis) {
    }

    private final Map<TransportAddress, State> states = new HashMap<>();
    private final RandomGenerator random;

    public Backoff(RandomGenerator random) {
        this.random = random;
    }

    public void failed(TransportAddress address, long nowMillis, boolean wellKnown) {
        int failures = states.containsKey(address) ? states.get(address).failures() + 1 : 1;
        long cap = (wellKnown ? MAX_DELAY_WELL_KNOWN : MAX_DELAY).toMillis();
        long delay = Math.min(cap, BASE_DELAY.toMillis() << Math.min(failures - 1, 20));
        long jitter = (long) (delay * 0.25 * random.nextDouble());
        states.put(address, new State(failures, nowMillis + delay + jitter));
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
}
