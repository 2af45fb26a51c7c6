package io.mintp2p.bench.sim;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The line a long run prints every few wall seconds: virtual time, events (scheduler tasks) per wall
 * second since the last line, nodes at target over live nodes, used heap. Not thread-safe: called by
 * the thread that drives the simulation; printing may block on the stream.
 */
final class ProgressLine {
    private final PrintStream out;
    private final long everyNanos;
    private long lastNanos;
    private long lastEvents;

    ProgressLine(PrintStream out, long everyNanos, long startNanos) {
        this.out = out;
        this.everyNanos = everyNanos;
        this.lastNanos = startNanos;
    }

    /** Whether a line is due: the caller gathers a line's figures (a pass over every node) only then. */
    boolean due(long nowNanos) {
        return nowNanos - lastNanos >= everyNanos;
    }

    /** Prints a line and starts the next period. */
    void print(long nowNanos, double virtualSeconds, long events, long atTarget, int live, double heapMiB,
               double wallSeconds) {
        double eventsPerSecond = (events - lastEvents) / ((nowNanos - lastNanos) / 1e9);
        out.printf(Locale.ROOT, "[sim] virtual %.0f s  %.0f events/s  at target %d/%d  heap %.0f MiB  wall %.0f s%n",
                virtualSeconds, eventsPerSecond, atTarget, live, heapMiB, wallSeconds);
        lastNanos = nowNanos;
        lastEvents = events;
    }
}
