package io.mintp2p.core.peers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes peer state files off the node's event loop: an fsync can take seconds on a busy disk,
 * and the loop must keep answering pings meanwhile. Writes of one JVM go through one thread, in order.
 */
final class StateWriter {
    private static final Logger log = LoggerFactory.getLogger(StateWriter.class);
    private static final ExecutorService WRITER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mintp2p-state-writer");
        t.setDaemon(true);
        return t;
    });

    private StateWriter() {
    }

    /**
     * Writes and waits (shutdown). Goes through the writer thread too, so an earlier background
     * write of older content cannot land after it.
     */
    static void writeNow(Path file, String content) {
        try {
            WRITER.submit(() -> write(file, content)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            log.warn("could not save {}: {}", file, e.getCause().toString());
        }
    }

    /** Writes soon, on the writer thread; {@code content} is a snapshot taken on the loop. */
    static void writeLater(Path file, String content) {
        WRITER.execute(() -> write(file, content));
    }

    private static void write(Path file, String content) {
        try {
            AtomicFiles.write(file, content);
        } catch (IOException e) {
            log.warn("could not save {}: {}", file, e.toString());
        }
    }
}
