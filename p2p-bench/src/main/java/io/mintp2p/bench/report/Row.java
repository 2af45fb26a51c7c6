package io.mintp2p.bench.report;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One figure of a run. {@code baseline} is raw Netty doing the same job in the same run (absent where
 * there is none, e.g. simulations); {@code ratio} is oriented so that 1.0 means "as good as raw" and
 * more is better: value/baseline for rates, baseline/value for times and sizes.
 */
public record Row(String name, double value, String unit, OptionalDouble baseline, OptionalDouble ratio) {
    public Row {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
    }

    /** Higher is better (throughput): ratio = value / baseline. */
    public static Row rate(String name, double value, String unit, double baseline) {
        return new Row(name, value, unit, OptionalDouble.of(baseline), OptionalDouble.of(value / baseline));
    }

    /** Lower is better (latency, time, memory): ratio = baseline / value. */
    public static Row cost(String name, double value, String unit, double baseline) {
        return new Row(name, value, unit, OptionalDouble.of(baseline), OptionalDouble.of(baseline / value));
    }

    /** A figure with nothing to compare against. */
    public static Row plain(String name, double value, String unit) {
        return new Row(name, value, unit, OptionalDouble.empty(), OptionalDouble.empty());
    }
}
