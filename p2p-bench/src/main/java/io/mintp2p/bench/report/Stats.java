package io.mintp2p.bench.report;

import java.util.Arrays;

/** Order statistics of samples; medians of rounds are what the report shows (robust to one noisy round). */
public final class Stats {
    private Stats() {
    }

    public static double median(double[] values) {
        return percentile(values, 50);
    }

    /** Nearest-rank percentile ({@code p} in 0..100) of a non-empty array; the input is not modified. */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be 0..100, got " + p);
        }
        double[] v = values.clone();
        Arrays.sort(v);
        if (p == 50 && v.length % 2 == 0) {
            return (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }
}
