package io.mintp2p.core.time;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A single-threaded scheduler on virtual time: nothing runs until the test (or the simulator)
 * calls {@link #runUntilIdle()} or {@link #advance(Duration)}. Tasks due at the same instant run in
 * the order they were scheduled, so runs are deterministic.
 */
public final class VirtualTimeScheduler implements Scheduler, Clock {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
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
        Task t = new Task(nowMillis + delay.toMillis(), sequence++, task);
        queue.add(t);
        return () -> t.cancelled = true;
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
            Task t = queue.poll();
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
            Task t = queue.poll();
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
        return (int) queue.stream().filter(t -> !t.cancelled).count();
    }

    private static final class Task implements Comparable<Task> {
        final long dueMillis;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Task(long dueMillis, long seq, Runnable task) {
            this.dueMillis = dueMillis;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(dueMillis, o.dueMillis);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
