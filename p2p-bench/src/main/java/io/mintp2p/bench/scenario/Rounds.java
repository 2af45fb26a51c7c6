package io.mintp2p.bench.scenario;

import io.mintp2p.bench.report.Report;
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
        show("raw ", r);
        show("node", n);
        return new Medians(Stats.median(r), Stats.median(n));
    }

    /**
     * Prints the rounds behind a median, and says so when they disagree by more than 1.5x: on a
     * shared machine a burst of other work can slow most rounds of one side, and a slowed baseline
     * makes the node look better than it is. Such a row should be taken again, not believed.
     */
    static void show(String side, double[] values) {
        StringBuilder line = new StringBuilder("    ").append(side).append(" rounds:");
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double v : values) {
            line.append(' ').append(Report.human(v));
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min > 0 && max / min > 1.5) {
            line.append(String.format(java.util.Locale.ROOT, "  NOISY (max/min %.1f): rerun this row on a quieter machine", max / min));
        }
        System.out.println(line);
    }
}
