package io.mintp2p.core.node;

import io.mintp2p.core.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Peer-event log lines with a budget per kind: at most {@link #LINES_PER_WINDOW} lines of one kind
 * per {@link #WINDOW_MILLIS}, then one summary of how many were left out. A connection flood must
 * not write a line per attempt. Kinds are a closed set chosen by the node (never peer text), so the
 * map stays small. Thread-safe.
 */
final class EventLog {
    static final int LINES_PER_WINDOW = 20;
    static final long WINDOW_MILLIS = 10_000;

    private static final class Window {
        long startMillis;
        int lines;
        long suppressed;
    }

    private final Logger log;
    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    EventLog(Logger log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    synchronized void info(String kind, String format, Object... args) {
        if (!log.isInfoEnabled()) {
            return;
        }
        long now = clock.monotonicMillis();
        Window w = windows.computeIfAbsent(kind, k -> new Window());
        if (now - w.startMillis >= WINDOW_MILLIS) {
            if (w.suppressed > 0) {
                log.info("{} more '{}' events in the last {} s were not logged", w.suppressed, kind, WINDOW_MILLIS / 1000);
            }
            w.startMillis = now;
            w.lines = 0;
            w.suppressed = 0;
        }
        if (w.lines < LINES_PER_WINDOW) {
            w.lines++;
            log.info(format, args);
        } else {
            w.suppressed++;
        }
    }
}
