package io.mintp2p.core.time;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A single-threaded scheduler on virtual time: nothing runs until the test (or the simulator)
 * calls {@link #runUntilIdle()} or {@link #advance(Duration)}. Tasks due at the same instant run in
 * the order they were scheduled, so runs are deterministic.
 */
public final class VirtualTimeScheduler implements Scheduler, Clock {
    /** Below this many cancelled tasks the queue is never swept: a sweep would cost more than it saves. */
    static final int SWEEP_MIN_CANCELLED = 1024;

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    /**
     * Cancelled tasks still queued. Timeouts are mostly cancelled long before they are due (a ping's
     * answer, a finished handshake): once they are half the queue they are swept out, so the queue
     * holds what may still run and every poll works on a heap about that size.
     */
    private int cancelledInQueue;
    /** Monotonic virtual time: what every timer runs on. */
    private long nowMillis;
    /** Where the wall clock stands relative to {@link #nowMillis}; moved by {@link #shiftWallClock}. */
    private long wallOffsetMillis;
    private long sequence;
    /** Tasks run so far (cancelled ones not counted): the simulator's measure of work done. */
    private long executed;

    public VirtualTimeScheduler() {
        this(1_750_000_000_000L);
    }

    /** @param startWallMillis the wall clock at the start (the monotonic clock starts at zero) */
    public VirtualTimeScheduler(long startWallMillis) {
        this.wallOffsetMillis = startWallMillis;
    }

    @Override
    public long wallMillis() {
        return nowMillis + wallOffsetMillis;
    }

    @Override
    public long monotonicNanos() {
        return nowMillis * 1_000_000L;
    }

    /** Monotonic virtual milliseconds since the start. */
    public long millis() {
        return nowMillis;
    }

    /** Steps the wall clock (as NTP or an operator would) without moving monotonic time or any timer. */
    public void shiftWallClock(Duration step) {
        wallOffsetMillis += step.toMillis();
    }

    @Override
    public Clock clock() {
        return this;
    }

    /** Virtual time has one thread by contract: whoever drives it is "in" it. */
    @Override
    public boolean inLoop() {
        return true;
    }

    @Override
    public void execute(Runnable task) {
        schedule(Duration.ZERO, task);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        if (delay.isNegative()) {
            delay = Duration.ZERO;
        }
        Task t = new Task(this, nowMillis + delay.toMillis(), sequence++, task);
        queue.add(t);
        return t;
    }

    private void cancelled(Task t) {
        cancelledInQueue++;
        if (cancelledInQueue >= SWEEP_MIN_CANCELLED && 2 * cancelledInQueue > queue.size()) {
            // Removing cancelled tasks keeps the order of the rest: it is by due time and sequence.
            queue.removeIf(q -> q.cancelled);
            cancelledInQueue = 0;
        }
    }

    /** Takes the next task off the queue, keeping the count of cancelled ones in it right. */
    private Task poll() {
        Task t = queue.poll();
        t.polled = true;
        if (t.cancelled) {
            cancelledInQueue--;
        }
        return t;
    }

    /** Runs every task due now, including those they schedule for now. */
    public void runUntilIdle() {
        runUntil(nowMillis);
    }

    /** Moves time forward by {@code d}, running each task at its due time. */
    public void advance(Duration d) {
        runUntil(nowMillis + d.toMillis());
    }

    /** Runs tasks in due order up to and including {@code targetMillis}, then sets the clock there. */
    public void runUntil(long targetMillis) {
        while (!queue.isEmpty() && queue.peek().dueMillis <= targetMillis) {
            Task t = poll();
            nowMillis = Math.max(nowMillis, t.dueMillis);
            if (!t.cancelled) {
                executed++;
                t.task.run();
            }
        }
        nowMillis = Math.max(nowMillis, targetMillis);
    }

    /** Runs the next due task, whatever its time; false when nothing is queued. */
    public boolean runNext() {
        while (!queue.isEmpty()) {
            Task t = poll();
            nowMillis = Math.max(nowMillis, t.dueMillis);
            if (!t.cancelled) {
                executed++;
                t.task.run();
                return true;
            }
        }
        return false;
    }

    /** How many tasks have run since the start (cancelled ones are not counted). */
    public long executedTasks() {
        return executed;
    }

    public int pendingTasks() {
        return queue.size() - cancelledInQueue;
    }

    /** Tasks in the queue, cancelled ones not yet swept out included. */
    int queuedTasks() {
        return queue.size();
    }

    /** A queued task is its own handle: one object per task. */
    private static final class Task implements Comparable<Task>, Cancellable {
        final VirtualTimeScheduler owner;
        final long dueMillis;
        final long seq;
        final Runnable task;
        boolean cancelled;
        /** Taken off the queue (run or skipped): cancelling it then changes nothing. */
        boolean polled;

        Task(VirtualTimeScheduler owner, long dueMillis, long seq, Runnable task) {
            this.owner = owner;
            this.dueMillis = dueMillis;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public void cancel() {
            if (!cancelled && !polled) {
                cancelled = true;
                owner.cancelled(this);
            }
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(dueMillis, o.dueMillis);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
