package io.mintp2p.inmemory;

import java.time.Duration;

/** One-way delay of a link between two virtual hosts; constant per link so frames stay in order. */
@FunctionalInterface
public interface LatencyModel {
    Duration between(String hostA, String hostB);

    LatencyModel ZERO = (a, b) -> Duration.ZERO;

    /** A fixed delay per pair in [min, max], derived from the hosts and a seed: deterministic and symmetric. */
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
