package io.mintp2p.bench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The rows of a run, written as a console table (with the targets of issue #11 where there is one)
 * and as JSON: an array of {@code {"name","value","unit","baseline","ratio"}}, {@code null} where
 * there is no baseline. Written by hand: five fields do not need a JSON library in the fat jar.
 */
public final class Report {
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Double> targets;

    /** {@code targets}: the least ratio that counts as met, by row name. */
    public Report(Map<String, Double> targets) {
        this.targets = Map.copyOf(targets);
    }

    public synchronized void add(Row row) {
        rows.add(row);
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    public Optional<Double> target(String name) {
        return Optional.ofNullable(targets.get(name));
    }

    public String toJson() {
        StringBuilder out = new StringBuilder("[\n");
        List<Row> all = rows();
        for (int i = 0; i < all.size(); i++) {
            Row r = all.get(i);
            out.append("  {\"name\": ").append(JsonText.quote(r.name()))
                    .append(", \"value\": ").append(number(r.value()))
                    .append(", \"unit\": ").append(JsonText.quote(r.unit()))
                    .append(", \"baseline\": ").append(number(r.baseline()))
                    .append(", \"ratio\": ").append(number(r.ratio()))
                    .append('}').append(i + 1 < all.size() ? ",\n" : "\n");
        }
        return out.append("]\n").toString();
    }

    public void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    /** A fixed-width table; "met"/"MISSED" only for rows that have a target. */
    public void printTable(PrintStream out) {
        String format = "%-52s %14s %-8s %14s %7s  %s%n";
        out.printf(Locale.ROOT, format, "name", "value", "unit", "raw netty", "ratio", "target");
        for (Row r : rows()) {
            String target = target(r.name()).map(t -> String.format(Locale.ROOT, ">= %.2f %s", t,
                    r.ratio().isPresent() && r.ratio().getAsDouble() >= t ? "met" : "MISSED")).orElse("");
            out.printf(Locale.ROOT, format, r.name(), human(r.value()), r.unit(),
                    r.baseline().isPresent() ? human(r.baseline().getAsDouble()) : "-",
                    r.ratio().isPresent() ? String.format(Locale.ROOT, "%.3f", r.ratio().getAsDouble()) : "-", target);
        }
    }

    /** The table in Markdown, for BENCHMARKS.md. */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder("| name | value | unit | raw Netty | ratio | target |\n|---|---:|---|---:|---:|---|\n");
        for (Row r : rows()) {
            String target = target(r.name()).map(t -> String.format(Locale.ROOT, ">= %.2f: %s", t,
                    r.ratio().isPresent() && r.ratio().getAsDouble() >= t ? "met" : "**missed**")).orElse("");
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", r.name(), human(r.value()), r.unit(),
                    r.baseline().isPresent() ? human(r.baseline().getAsDouble()) : "-",
                    r.ratio().isPresent() ? String.format(Locale.ROOT, "%.3f", r.ratio().getAsDouble()) : "-", target));
        }
        return out.toString();
    }

    public static String human(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String number(OptionalDouble v) {
        return v.isPresent() ? number(v.getAsDouble()) : "null";
    }

    /** Ten significant digits, plain notation where that stays short, JSON's exponent form otherwise. */
    private static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(10)).stripTrailingZeros();
        double a = Math.abs(v);
        return a >= 1e-6 && a < 1e15 ? d.toPlainString() : d.toString();
    }

}
