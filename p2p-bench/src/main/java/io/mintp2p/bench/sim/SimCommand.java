package io.mintp2p.bench.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code java -jar p2p-bench.jar sim --nodes N --scenario converge|churn|eclipse|partition --seed S
 * [--boot B] [--groups G] [--json FILE] [--csv FILE] [--plots DIR] [--small-books]}: runs one
 * scenario of the deterministic simulator on the library's default config, prints a progress line to
 * stderr every 5 wall seconds and a summary table to stdout at the end, and writes the files asked
 * for. Runs on the calling thread and blocks it for the whole run.
 */
public final class SimCommand {
    private SimCommand() {
    }

    /** Parses {@code args} (those after {@code sim}), runs, reports; returns the process exit code (0, or 2 for a bad argument). */
    public static int main(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length == 1 && ("-h".equals(args[0]) || "--help".equals(args[0]))) {
            out.println(SimOptions.USAGE);
            return 0;
        }
        SimOptions options;
        try {
            options = SimOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(SimOptions.USAGE);
            return 2;
        }
        // Plots are drawn off-screen; without this an AWT toolkit may look for a display.
        System.setProperty("java.awt.headless", "true");
        err.printf(Locale.ROOT, "[sim] %s: seed %d, %d boot nodes, %d /16s, %s books, a join every %d ms; Java %s, max heap %d MiB%n",
                options.rowName(), options.seed(), options.bootNodes(), options.groups(),
                options.smallBooks() ? "small (cut)" : "default", options.joinGap().toMillis(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        RunResult result = run(options, err);
        printSummary(result, out);
        if (options.json().isPresent()) {
            ResultFiles.write(options.json().get(), ResultFiles.json(result));
            out.println("JSON written to " + options.json().get());
        }
        if (options.csv().isPresent()) {
            ResultFiles.write(options.csv().get(), ResultFiles.csv(result.series()));
            out.println("CSV written to " + options.csv().get());
        }
        if (options.plots().isPresent()) {
            for (Path p : SimPlots.write(result, options.plots().get())) {
                out.println("plot written to " + p);
            }
        }
        return 0;
    }

    /** Runs the scenario the options name; progress lines go to {@code progress}. */
    public static RunResult run(SimOptions options, PrintStream progress) {
        SimRun run = new SimRun(options, progress);
        SimScenario.of(options.scenario()).run(run);
        return run.finish();
    }

    /** The summary table: parameters, then one figure a line, then the degree histogram. */
    public static void printSummary(RunResult result, PrintStream out) {
        out.println();
        out.println(result.name());
        out.println("  " + result.parameters().entrySet().stream().filter(e -> !"trace_digest".equals(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        out.printf(Locale.ROOT, "  %-50s %14s%n", "figure", "value");
        for (Map.Entry<String, Double> e : result.summary().entrySet()) {
            double v = e.getValue();
            String text = Double.isNaN(v) ? "-" : v == Math.rint(v) && Math.abs(v) < 1e15
                    ? String.format(Locale.ROOT, "%d", (long) v) : String.format(Locale.ROOT, "%.3f", v);
            out.printf(Locale.ROOT, "  %-50s %14s%n", e.getKey(), text);
        }
        out.println("  peers per node (peers:nodes): " + result.degreeHistogram().entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" ")));
        out.println("  trace digest " + result.parameters().get("trace_digest"));
    }
}
