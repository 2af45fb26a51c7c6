package io.mintp2p.bench.scenario;

import io.mintp2p.bench.report.Stats;

/**
 * Runs a baseline and the node alternately: one warm-up each (so the JIT has compiled both paths
 * before anything counts), then {@code rounds} measured pairs; alternating spreads the machine's noise
 * over both. Returns the medians.
 */
final class Rounds {
    @FunctionalInterface
    interface Measure {
        double run(boolean warmUp) throws Exception;
    }

    record Medians(double raw, double node) {
    }

    private Rounds() {
    }

    static Medians alternate(int rounds, Measure raw, Measure node) throws Exception {
        raw.run(true);
        node.run(true);
        double[] r = new double[rounds];
        double[] n = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            r[i] = raw.run(false);
            n[i] = node.run(false);
        }
        return new Medians(Stats.median(r), Stats.median(n));
    }
}
