package io.mintp2p.inmemory;

import java.time.Duration;

/** One-way delay of a link between two virtual hosts; constant per link so frames stay in order. */
@FunctionalInterface
public interface LatencyModel {
    /**
     * The one-way delay of the link between two hosts; the same for every call with the same pair. Called on the
     * network's scheduler; must not block.
     *
     * @param hostA one end's virtual host
     * @param hostB the other end's
     * @return the delay of each frame on that link
     */
    Duration between(String hostA, String hostB);

    /** No delay on any link. */
    LatencyModel ZERO = (a, b) -> Duration.ZERO;

    /**
     * A fixed delay per pair in [min, max], derived from the hosts and a seed: deterministic and symmetric.
     *
     * @param seed varies the delays between runs
     * @param min  the smallest delay
     * @param max  the largest delay
     * @return the model
     */
    static LatencyModel seeded(long seed, Duration min, Duration max) {
        return (a, b) -> {
            String key = a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
            long h = seed ^ key.hashCode() * 0x9E3779B97F4A7C15L;
            h ^= (h >>> 31);
            long span = max.toMillis() - min.toMillis();
            return min.plusMillis(span <= 0 ? 0 : Math.floorMod(h, span + 1));
        };
    }
}
