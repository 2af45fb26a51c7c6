package io.mintp2p.core.node;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in order, on a shared pool: one per peer, so a peer's messages reach
 * the handlers in the order they came while a slow handler of one peer never holds up another's.
 * The queue needs no bound of its own: what a peer may have queued is bounded by its
 * {@link ReadBudget}.
 *
 * <p>The first of the layers a {@link Link} is made of (one object per peer, not one per layer:
 * BENCHMARKS.md, "Where an idle peer's memory goes"); the pool is the node's, asked of the subclass.
 */
abstract class SerialExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    /** Made on the first task: a peer that never sends an application message never needs one. */
    private ArrayDeque<Runnable> queue;
    private boolean running;

    /** The shared pool the tasks run on. */
    abstract Executor pool();

    @Override
    public final void execute(Runnable task) {
        synchronized (this) {
            if (queue == null) {
                queue = new ArrayDeque<>();
            }
            queue.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        schedule();
    }

    private void schedule() {
        try {
            pool().execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The pool is shut down: run the rest here so every task's clean-up still happens.
            drain();
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                log.warn("message handler failed", e);
            }
        }
    }
}
