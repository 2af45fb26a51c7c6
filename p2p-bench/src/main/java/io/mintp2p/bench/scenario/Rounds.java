package io.mintp2p.bench.scenario;

import io.mintp2p.bench.report.Stats;

/**
 * Runs a baseline and the node alternately: warm-up runs of each until {@link #warmUpSeconds} have
 * passed (the JIT needs a second or more before Netty's write path is compiled; a cold baseline would
 * be a weak one), then {@code rounds} measured pairs; alternating spreads the machine's noise over
 * both. Returns the medians.
 */
public final class Rounds {
    @FunctionalInterface
    interface Measure {
        double run(boolean warmUp) throws Exception;
    }

    record Medians(double raw, double node) {
    }

    /** Least warm-up per side; set once from the command line (quick: 1 s, full: 3 s). */
    public static volatile double warmUpSeconds = 1;

    private Rounds() {
    }

    static void warmUp(Measure m) throws Exception {
        long start = System.nanoTime();
        do {
            m.run(true);
        } while ((System.nanoTime() - start) / 1e9 < warmUpSeconds);
    }

    static Medians alternate(int rounds, Measure raw, Measure node) throws Exception {
        warmUp(raw);
        warmUp(node);
        double[] r = new double[rounds];
        double[] n = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            r[i] = raw.run(false);
            n[i] = node.run(false);
        }
        return new Medians(Stats.median(r), Stats.median(n));
    }
}
