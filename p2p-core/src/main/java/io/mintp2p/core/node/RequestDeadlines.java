package io.mintp2p.core.node;

import io.mintp2p.core.time.Scheduler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When the timeouts of our requests in flight are checked: one scheduler task, armed for the earliest
 * deadline, runs a sweep on the node thread that times out every request due and arms the next one.
 * A request whose deadline is not earlier than the armed one (the usual case: one timeout for all)
 * arms nothing, so a request costs no scheduler task and no wake-up of the node thread, and a response
 * cancels nothing; one task per request cost a round trip a wake-up of the node thread.
 *
 * <p>{@link #arm} on any thread; the sweep on the node thread. A stale task (armed before an earlier
 * one) only runs a sweep that finds less to do. Nothing blocks.
 */
final class RequestDeadlines {
    private final Scheduler scheduler;
    private final Runnable sweep;
    /** The deadline (monotonic nanos) a sweep is armed for; {@code Long.MAX_VALUE}: none. */
    private final AtomicLong armedAt = new AtomicLong(Long.MAX_VALUE);

    /** @param sweep node thread: times out what is due and {@link #arm}s for the earliest deadline left */
    RequestDeadlines(Scheduler scheduler, Runnable sweep) {
        this.scheduler = scheduler;
        this.sweep = sweep;
    }

    /** The monotonic time now, on the node's clock. */
    long now() {
        return scheduler.clock().monotonicNanos();
    }

    /** Makes sure a sweep runs no later than {@code deadlineNanos}. Any thread. */
    void arm(long deadlineNanos) {
        long current;
        do {
            current = armedAt.get();
            if (current <= deadlineNanos) {
                return;
            }
        } while (!armedAt.compareAndSet(current, deadlineNanos));
        scheduler.schedule(Duration.ofNanos(Math.max(0, deadlineNanos - now())), this::fire);
    }

    private void fire() {
        // Disarmed before the sweep looks: a request registered from here on arms a sweep of its own,
        // one registered before is seen by this sweep, which arms for it.
        armedAt.set(Long.MAX_VALUE);
        sweep.run();
    }
}
