package io.mintp2p.core.time;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Runs tasks later (and now) on one serial context: the node's event loop in production, the
 * virtual-time loop in tests. State machines only ever see this interface, never threads.
 */
public interface Scheduler extends Executor {
    /**
     * Runs {@code task} on the serial context after {@code delay}. Any thread; does not block.
     *
     * @param delay how long from now (on the monotonic clock)
     * @param task  what to run
     * @return cancels the task if it has not run yet
     */
    Cancellable schedule(Duration delay, Runnable task);

    /**
     * The clock this scheduler's timers run on. Any thread.
     *
     * @return the clock
     */
    Clock clock();

    /**
     * True when the caller already runs on this scheduler's serial context, so it may touch state
     * owned by it directly instead of handing work over and waiting.
     *
     * @return true on the serial context
     */
    boolean inLoop();

    /** Runs the task on this scheduler's serial context, in submission order. */
    @Override
    void execute(Runnable task);
}
