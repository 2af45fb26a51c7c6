package io.mintp2p.bench.scenario;

import io.mintp2p.bench.report.Report;
import io.mintp2p.bench.report.Stats;

/**
 * Runs a baseline and the node alternately: warm-up runs of each until it has reached its steady
 * state ({@link #warmUp}), then {@code rounds} measured pairs; alternating spreads the machine's
 * noise over both. Returns the medians.
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
    /** Most warm-up per side, steady or not (quick: 6 s, full: 20 s). */
    public static volatile double warmUpCapSeconds = 6;
    /** Steady: the last second's warm-up runs are within this share of the second before. */
    static final double STEADY_WITHIN = 0.10;

    private Rounds() {
    }

    /**
     * Warm-up runs until at least {@link #warmUpSeconds} have passed and the median of the last
     * second's runs differs by at most {@link #STEADY_WITHIN} from that of the second before, or
     * until {@link #warmUpCapSeconds}. A fixed second was too short for the node: its connect and
     * message paths are more code than raw Netty's, and their rounds still improved by a third
     * after it, so the first measured rounds compared a half-compiled node with a compiled baseline.
     * Each side gets the same rule; what it took is printed.
     */
    static void warmUp(String side, Measure m) throws Exception {
        SteadyState steady = new SteadyState(1_000_000_000L);
        long start = System.nanoTime();
        int runs = 0;
        double elapsed;
        boolean reached;
        do {
            double value = m.run(true);
            runs++;
            long now = System.nanoTime();
            steady.add(now, value);
            elapsed = (now - start) / 1e9;
            reached = elapsed >= warmUpSeconds && steady.isSteady(STEADY_WITHIN);
        } while (!reached && elapsed < warmUpCapSeconds);
        System.out.printf(java.util.Locale.ROOT, "    %s warm-up: %.1f s, %d runs%s%n", side, elapsed, runs,
                reached ? "" : ", still changing at the cap");
    }

    static Medians alternate(int rounds, Measure raw, Measure node) throws Exception {
        warmUp("raw ", raw);
        warmUp("node", node);
        return measure(rounds, raw, node);
    }

    /**
     * For connection set-up: both sides warm up together, in alternating runs, for {@code seconds}.
     * A connect runs the node's handshake code once, so it reaches the JIT's top tier only after
     * ~15 000 connects (6-8 s here), and while the JIT still compiles it keeps the VM's vCPUs awake: a
     * thread woken then costs a few microseconds, one woken on a halted vCPU tens of microseconds (raw
     * connects: 38-45 us in the first ~3 s of a process, then 82-100 us; the same with SO_LINGER 0,
     * i.e. without TIME_WAIT, and with NIO; not while another thread spins). Warming one side after
     * the other let the raw side be measured in the first state and the node in the second, or the
     * node half-compiled; warming them together for a fixed time puts both in the same state. No
     * steadiness test: a connect's per-second medians do not settle within 10 % while that state flips.
     */
    static void warmUpTogether(Measure raw, Measure node, double seconds) throws Exception {
        long start = System.nanoTime();
        int pairs = 0;
        while ((System.nanoTime() - start) / 1e9 < seconds) {
            raw.run(true);
            node.run(true);
            pairs++;
        }
        System.out.printf(java.util.Locale.ROOT, "    raw+node warm-up together: %.1f s, %d pairs of runs%n",
                (System.nanoTime() - start) / 1e9, pairs);
    }

    private static Medians measure(int rounds, Measure raw, Measure node) throws Exception {
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
