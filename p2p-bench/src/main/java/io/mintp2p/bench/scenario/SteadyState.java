package io.mintp2p.bench.scenario;

import io.mintp2p.bench.report.Stats;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a series of timed measurements has stopped moving: the median of the values taken in the
 * last window differs from the median of the window before by at most a given share. Medians, so one
 * slow run (a GC, a burst of other work) does not make a steady series look unsteady.
 */
final class SteadyState {
    private record Sample(long nanoTime, double value) {
    }

    private final long windowNanos;
    private final List<Sample> samples = new ArrayList<>();

    SteadyState(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    void add(long nanoTime, double value) {
        samples.add(new Sample(nanoTime, value));
    }

    /** False until the samples span more than two windows. */
    boolean isSteady(double within) {
        if (samples.isEmpty()) {
            return false;
        }
        long last = samples.get(samples.size() - 1).nanoTime();
        List<Double> recent = new ArrayList<>();
        List<Double> before = new ArrayList<>();
        for (int i = samples.size() - 1; i >= 0; i--) {
            long age = last - samples.get(i).nanoTime();
            if (age >= 2 * windowNanos) {
                double a = median(recent);
                double b = before.isEmpty() ? Double.NaN : median(before);
                return b > 0 && Math.abs(a / b - 1) <= within;
            }
            (age < windowNanos ? recent : before).add(samples.get(i).value());
        }
        return false;
    }

    private static double median(List<Double> values) {
        return Stats.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
