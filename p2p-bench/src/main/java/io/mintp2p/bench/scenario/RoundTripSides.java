package io.mintp2p.bench.scenario;

import io.mintp2p.bench.report.Row;
import io.mintp2p.bench.report.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Round-trip timing shared by the round-trip scenarios: each side (the raw baseline, the node, any
 * other) is a {@link Sampler} of one round trip from the application's thread; all are warmed up, then
 * timed in alternating rounds, and each round gives a median and a 99th percentile in microseconds.
 */
final class RoundTripSides {
    /** One round trip, started and awaited on the calling thread. */
    @FunctionalInterface
    interface Sampler {
        void once() throws Exception;
    }

    /** One timed set-up and its per-round median and 99th percentile. */
    static final class Side {
        final String name;
        final Sampler sampler;
        final double[] medians;
        final double[] p99s;

        Side(String name, Sampler sampler, int rounds) {
            this.name = name;
            this.sampler = sampler;
            this.medians = new double[rounds];
            this.p99s = new double[rounds];
        }

        double median() {
            return Stats.median(medians);
        }

        double p99() {
            return Stats.median(p99s);
        }
    }

    private final int count;
    private final int rounds;
    private final List<Side> sides = new ArrayList<>();

    RoundTripSides(int count, int rounds) {
        this.count = count;
        this.rounds = rounds;
    }

    Side add(String name, Sampler sampler) {
        Side s = new Side(name, sampler, rounds);
        sides.add(s);
        return s;
    }

    /** Warms every side up, then times {@code rounds} rounds of {@code count} round trips, side after side. */
    void run() throws Exception {
        for (Side side : sides) {
            Rounds.warmUp(side.name, warm -> Stats.median(sample(side.sampler, count / 4)));
        }
        for (int r = 0; r < rounds; r++) {
            for (Side side : sides) {
                double[] micros = sample(side.sampler, count);
                side.medians[r] = Stats.median(micros);
                side.p99s[r] = Stats.percentile(micros, 99);
            }
        }
        sides.forEach(side -> Rounds.show(side.name + " median", side.medians));
    }

    /** The {@code name.median} and {@code name.p99} rows of {@code node} against {@code raw}. */
    static List<Row> rows(String name, Side node, Side raw) {
        return List.of(Row.cost(name + ".median", node.median(), "us", raw.median()),
                Row.cost(name + ".p99", node.p99(), "us", raw.p99()));
    }

    /** Microseconds per round trip. */
    private static double[] sample(Sampler s, int n) throws Exception {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            s.once();
            out[i] = (System.nanoTime() - start) / 1e3;
        }
        return out;
    }

    static void awaitAnswer(CountDownLatch back) throws InterruptedException {
        if (!back.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no answer within 10 s");
        }
    }

    static <T> T awaitAnswer(Future<T> back) throws Exception {
        return back.get(10, TimeUnit.SECONDS);
    }
}
