package io.mintp2p.core.time;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Runs tasks later (and now) on one serial context: the node's event loop in production, the
 * virtual-time loop in tests. State machines only ever see this interface, never threads.
 */
public interface Scheduler extends Executor {
    Cancellable schedule(Duration delay, Runnable task);

    Clock clock();

    /**
     * True when the caller already runs on this scheduler's serial context, so it may touch state
     * owned by it directly instead of handing work over and waiting.
     */
    boolean inLoop();

    /** Runs the task on this scheduler's serial context, in submission order. */
    @Override
    void execute(Runnable task);
}
