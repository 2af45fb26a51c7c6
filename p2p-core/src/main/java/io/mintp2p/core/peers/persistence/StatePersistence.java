package io.mintp2p.core.peers.persistence;

import io.mintp2p.core.time.NodeThreads;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one node's peer state off its event loop, on a thread of its own: an fsync can take
 * seconds on a busy disk, and the loop must keep answering pings meanwhile. Writes happen in the
 * order they were asked for, so an older snapshot never lands after a newer one.
 *
 * <p>Life cycle: the peer manager calls {@link #start} and {@link #stop} from the node thread; the
 * writer thread exists only in between, and only when the storage is durable. Content is a
 * snapshot the caller took on the node thread; no method blocks the caller.
 */
public final class StatePersistence {
    private static final Logger log = LoggerFactory.getLogger(StatePersistence.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private record Write(StateFile file, String content, CompletableFuture<Void> done) {
    }

    /** Tells the writer thread to end once every write queued before it is done. */
    private static final Write END = new Write(null, null, null);

    private final StateStorage storage;
    /** The node whose state this is, for its writer thread's name and log context; null: none. */
    private final String node;
    private final LinkedBlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private Thread writer;
    private boolean stopped;

    /** A writer whose thread is {@code mintp2p-peer-state-<n>}, without log context. */
    public StatePersistence(StateStorage storage) {
        this(storage, null);
    }

    /**
     * The writer of the node named {@code node}: its thread is {@code mintp2p-<node>-state-1}, its log
     * lines carry the MDC key {@code node} (see {@link NodeThreads}).
     */
    public StatePersistence(StateStorage storage, String node) {
        this.storage = storage;
        this.node = node;
    }

    /** Starts the writer thread (none for a storage that keeps nothing). Node thread; does not block. */
    public void start() {
        if (writer != null || stopped || !storage.isDurable()) {
            return;
        }
        // Daemon: stop() is what waits for the writes, not the JVM's exit.
        if (node != null) {
            writer = NodeThreads.factory(node, "state").newThread(this::run);
        } else {
            writer = new Thread(this::run, "mintp2p-peer-state-" + THREADS.incrementAndGet());
            writer.setDaemon(true);
        }
        writer.start();
    }

    /**
     * Queues a write of {@code content}. Node thread; does not block.
     *
     * @return completes once the content is on disk, fails if the write failed or the writer is
     *         stopped; completes at once when the storage keeps nothing
     */
    public CompletableFuture<Void> write(StateFile file, String content) {
        if (!storage.isDurable()) {
            return CompletableFuture.completedFuture(null);
        }
        if (writer == null || stopped) {
            return CompletableFuture.failedFuture(new IOException("peer state writer is not running"));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Write(file, content, done));
        return done;
    }

    /** Queues a write whose failure is only logged: periodic saves, the next one tries again. */
    public void writeInBackground(StateFile file, String content) {
        write(file, content).exceptionally(e -> {
            log.warn("could not save {} in {}: {}", file.fileName(), storage, e.toString());
            return null;
        });
    }

    /**
     * Ends the writer thread after the writes queued so far. Node thread; does not block.
     *
     * @return completes when those writes are done and the thread has ended
     */
    public CompletableFuture<Void> stop() {
        if (!stopped) {
            stopped = true;
            if (writer == null) {
                ended.complete(null);
            } else {
                queue.add(END);
            }
        }
        return ended;
    }

    private void run() {
        try {
            for (Write w = take(); w != END; w = take()) {
                try {
                    storage.write(w.file(), w.content());
                    w.done().complete(null);
                } catch (IOException | RuntimeException e) {
                    w.done().completeExceptionally(e);
                }
            }
        } finally {
            queue.forEach(w -> {
                if (w != END) {
                    w.done().completeExceptionally(new IOException("peer state writer stopped"));
                }
            });
            ended.complete(null);
        }
    }

    private Write take() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return END;
        }
    }
}
