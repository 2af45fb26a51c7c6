package io.mintp2p.bench.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one {@code sim} run produced: its parameters, its summary figures (by name, the unit at the end
 * of the name: {@code _s}, {@code _mib}, {@code _share}; NaN where not measured), the degree
 * distribution of the final graph and the time series. Immutable once built.
 *
 * @param name            the row name ({@link SimOptions#rowName()})
 * @param parameters      the model and the command line, in order
 * @param summary         the figures, in order
 * @param degreeHistogram peers per node to the number of nodes with that many, at the end
 * @param series          the samples, in time order
 */
public record RunResult(String name, Map<String, Object> parameters, Map<String, Double> summary,
                        SortedMap<Integer, Integer> degreeHistogram, List<Sample> series) {
    public RunResult {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
        degreeHistogram = Collections.unmodifiableSortedMap(new TreeMap<>(degreeHistogram));
        series = List.copyOf(series);
    }

    /** The summary figure {@code key}; {@link IllegalArgumentException} if the run has none by that name. */
    public double figure(String key) {
        Double v = summary.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no summary figure " + key + " in " + summary.keySet());
        }
        return v;
    }
}
