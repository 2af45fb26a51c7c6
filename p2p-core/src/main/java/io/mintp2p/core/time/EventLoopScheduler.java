package io.mintp2p.core.time;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The production scheduler: one daemon thread, wall-clock time. Whoever made it closes it: a node made
 * by {@code P2pModule} without {@code withScheduler} (or by {@code P2pNode.builder} without
 * {@code scheduler}) makes its own and closes it once {@code stop()} completed; one passed in stays the
 * caller's to close.
 *
 * <p>After {@link #close()} the thread ends (timers not yet due are dropped) and a task still handed
 * to {@link #execute} runs on the calling thread, one at a time, instead of being lost: a call on a
 * stopped node still gets its answer ("not running", or the last state). {@link #schedule} after close
 * does nothing. Any thread; {@link #execute} and {@link #schedule} do not block (except, after close,
 * for the task itself).
 */
public final class EventLoopScheduler implements Scheduler, AutoCloseable {
    private final ScheduledThreadPoolExecutor executor;
    private final Object retired = new Object();
    private volatile Thread loopThread;

    /**
     * One daemon thread named {@code threadName}, with no log context.
     *
     * @param threadName the thread's name
     */
    public EventLoopScheduler(String threadName) {
        this(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    private EventLoopScheduler(ThreadFactory threads) {
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = threads.newThread(r);
            loopThread = t;
            return t;
        });
        // A cancelled timer (every finished handshake's timeout) would otherwise stay queued until it was due.
        executor.setRemoveOnCancelPolicy(true);
        // Closed means the thread ends now, not once the last handshake timer is due.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * The event loop of the node named {@code node}: thread {@code mintp2p-<node>}, whose log lines
     * carry the MDC key {@code node} (see {@link NodeThreads}).
     *
     * @param node the node's name
     * @return a new scheduler; its thread starts with the first task
     */
    public static EventLoopScheduler forNode(String node) {
        String name = NodeThreads.loopName(node);
        return new EventLoopScheduler(r -> NodeThreads.newThread(node, name, r));
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == loopThread || Thread.holdsLock(retired);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        if (executor.isShutdown()) {
            return Cancellable.NONE;
        }
        ScheduledFuture<?> f = executor.schedule(guarded(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public Clock clock() {
        return Clock.SYSTEM;
    }

    @Override
    public void execute(Runnable task) {
        if (!executor.isShutdown()) {
            executor.execute(guarded(task));
            return;
        }
        synchronized (retired) {
            guarded(task).run();
        }
    }

    // A task that throws must not kill the node's only thread.
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable t) {
                LoggerFactory.getLogger(EventLoopScheduler.class).error("task failed", t);
            }
        };
    }

    /** Timers and tasks waiting to run (tests). */
    int queued() {
        return executor.getQueue().size();
    }

    /**
     * Stops the thread: tasks already queued are dropped, a task running finishes (close may be called
     * from it). Any thread; does not block.
     */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
