package io.mintp2p.bench.sim;

import static io.mintp2p.bench.report.JsonText.quote;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A run as CSV (the time series, one row per {@link Sample}, header {@link Sample#CSV_HEADER}, empty
 * cells for figures not measured) and as JSON (one object: name, parameters, summary, degree
 * histogram, series; {@code null} for figures not measured). Written by hand: a few flat records do
 * not need a JSON library in the fat jar. Pure functions and blocking file writes; any thread.
 */
public final class ResultFiles {
    private ResultFiles() {
    }

    /** The time series as CSV text. */
    public static String csv(List<Sample> series) {
        StringBuilder out = new StringBuilder(Sample.CSV_HEADER).append('\n');
        for (Sample s : series) {
            Object[] cells = s.csvCells();
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(cell(cells[i]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String cell(Object v) {
        if (v instanceof Double d) {
            return d.isNaN() ? "" : number(d);
        }
        return String.valueOf(v);
    }

    /** The run as one JSON object. */
    public static String json(RunResult run) {
        StringBuilder out = new StringBuilder("{\n  \"name\": ").append(quote(run.name())).append(",\n  \"parameters\": ");
        object(out, run.parameters());
        out.append(",\n  \"summary\": ");
        object(out, run.summary());
        out.append(",\n  \"degree_histogram\": ");
        object(out, run.degreeHistogram());
        out.append(",\n  \"series\": [");
        String[] keys = Sample.CSV_HEADER.split(",");
        for (int i = 0; i < run.series().size(); i++) {
            Object[] cells = run.series().get(i).csvCells();
            out.append(i == 0 ? "\n    {" : ",\n    {");
            for (int k = 0; k < keys.length; k++) {
                out.append(k == 0 ? "" : ", ").append(quote(keys[k])).append(": ").append(value(cells[k]));
            }
            out.append('}');
        }
        return out.append(run.series().isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    private static void object(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<?, ?> e = it.next();
            out.append(quote(String.valueOf(e.getKey()))).append(": ").append(value(e.getValue()));
            if (it.hasNext()) {
                out.append(", ");
            }
        }
        out.append('}');
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? "null" : number(d);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        return quote(String.valueOf(v));
    }

    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        // Six significant digits are more than any figure of a run means.
        return new BigDecimal(d).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** Writes {@code text} to {@code file}, creating its directory; blocks on the file system. */
    public static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
