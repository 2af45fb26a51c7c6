package io.mintp2p.bench.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The two charts of a run, as PNG in a directory: {@code NAME-convergence.png} (nodes at target and
 * live nodes over virtual time) and {@code NAME-dead-dials.png} (dials to dead addresses since the
 * start, over virtual time). Blocks on the file system; any thread.
 */
public final class SimPlots {
    /** Size of each chart, pixels. */
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 560;

    private SimPlots() {
    }

    /** Writes both charts of {@code run} into {@code dir}; returns their paths. */
    public static List<Path> write(RunResult run, Path dir) throws IOException {
        List<Sample> series = run.series();
        TimeAxis axis = TimeAxis.fitting(series.isEmpty() ? 0 : series.get(series.size() - 1).virtualSeconds());
        double[] x = series.stream().mapToDouble(s -> s.virtualSeconds() / axis.seconds).toArray();
        Path convergence = dir.resolve(run.name() + "-convergence.png");
        new LinePlot(run.name() + ": convergence", "virtual time (" + axis.unit + ")", "nodes")
                .line("nodes at outbound target", x, series.stream().mapToDouble(Sample::atTarget).toArray())
                .line("live nodes", x, series.stream().mapToDouble(Sample::live).toArray())
                .write(convergence, WIDTH, HEIGHT);
        Path deadDials = dir.resolve(run.name() + "-dead-dials.png");
        // Cumulative: samples are seconds apart while nodes join and hours apart in a churn, and a rate
        // over a one-second interval would dwarf a day of hourly rates; the slope is the rate.
        double[] cumulative = new double[series.size()];
        long sum = 0;
        for (int i = 0; i < series.size(); i++) {
            sum += series.get(i).deadDials();
            cumulative[i] = sum;
        }
        new LinePlot(run.name() + ": dials to dead addresses", "virtual time (" + axis.unit + ")",
                "dials to dead addresses (cumulative)")
                .line("dials to dead addresses since the start", x, cumulative)
                .write(deadDials, WIDTH, HEIGHT);
        return List.of(convergence, deadDials);
    }

    /** Seconds, minutes or hours, whichever keeps the axis' numbers short. */
    private record TimeAxis(String unit, double seconds) {
        static TimeAxis fitting(double lastSecond) {
            if (lastSecond > 3 * 3600) {
                return new TimeAxis("h", 3600);
            }
            return lastSecond > 600 ? new TimeAxis("min", 60) : new TimeAxis("s", 1);
        }
    }
}
