package io.mintp2p.core.time;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * A single-threaded scheduler on virtual time: nothing runs until the test (or the simulator)
 * calls {@link #runUntilIdle()} or {@link #advance(Duration)}. Tasks due at the same instant run in
 * the order they were scheduled, so runs are deterministic.
 * <p>
 * Tasks due within {@link #RING_MILLIS} of now wait in a ring of per-millisecond lists (a calendar
 * queue): scheduling appends, running takes the head, cancelling unlinks, each without touching any
 * other task's place in a heap. A simulated network's tasks are nearly all that near (message
 * deliveries, hand-offs, once-a-second ticks), and a heap of them cost a tenth of a 10 000-node run
 * in comparisons of scattered tasks (BENCHMARKS.md). Later tasks wait in a heap and move into the
 * ring, in (due, scheduled) order, as soon as their millisecond comes within reach, before anything
 * can be scheduled straight into it: so each list is in the order the tasks were scheduled.
 */
public final class VirtualTimeScheduler implements Scheduler, Clock {
    /** Below this many cancelled tasks the heap of later tasks is never swept: a sweep would cost more than it saves. */
    static final int SWEEP_MIN_CANCELLED = 1024;
    /** How far ahead the ring reaches (a power of two): a second's tick and any link latency fit. */
    static final int RING_MILLIS = 2048;
    private static final int RING_MASK = RING_MILLIS - 1;

    /** The first and last task of each millisecond's list; slot {@code due & RING_MASK}. */
    private final Task[] firstDue = new Task[RING_MILLIS];
    private final Task[] lastDue = new Task[RING_MILLIS];
    private int inRing;
    private final PriorityQueue<Task> later = new PriorityQueue<>();
    /**
     * Cancelled tasks still in {@link #later}. Timeouts are mostly cancelled long before they are due
     * (a ping's answer, a finished handshake): once they are half the heap they are swept out, so it
     * holds what may still run. (A cancelled task in the ring is unlinked at once.)
     */
    private int cancelledLater;
    /** Monotonic virtual time: what every timer runs on. */
    private long nowMillis;
    /** Where the wall clock stands relative to {@link #nowMillis}; moved by {@link #shiftWallClock}. */
    private long wallOffsetMillis;
    private long sequence;
    /** Tasks run so far (cancelled ones not counted): the simulator's measure of work done. */
    private long executed;
    /** Tasks run by the class of their {@code Runnable}, when {@link #countTaskKinds()} asked for it; else null. */
    private Map<Class<?>, long[]> kinds;

    /** A scheduler at monotonic time zero, its wall clock at a fixed date in 2025 (so runs repeat exactly). */
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

    /**
     * Monotonic virtual milliseconds since the start.
     *
     * @return the time
     */
    public long millis() {
        return nowMillis;
    }

    /**
     * Steps the wall clock (as NTP or an operator would) without moving monotonic time or any timer.
     *
     * @param step forward, or backward when negative
     */
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
        return schedule(delay, task, null);
    }

    /**
     * As {@link #schedule(Duration, Runnable)}, but the task is skipped (not run, not counted) if
     * {@code alive} says false at its due time: how a simulated process that crashed never runs its
     * queued work again, without a wrapper object per task. On the thread that drives this scheduler.
     *
     * @param delay from now; a negative one counts as zero
     * @param task  what to run
     * @param alive asked once, just before the task would run; null for always
     * @return the handle to cancel the task
     */
    public Cancellable schedule(Duration delay, Runnable task, BooleanSupplier alive) {
        long due = nowMillis + Math.max(0, delay.toMillis());
        Task t = new Task(this, due, sequence++, task, alive);
        if (due - nowMillis < RING_MILLIS) {
            append(t);
        } else {
            t.later = true;
            later.add(t);
        }
        return t;
    }

    private void append(Task t) {
        int slot = (int) (t.dueMillis & RING_MASK);
        Task last = lastDue[slot];
        if (last == null) {
            firstDue[slot] = t;
        } else {
            last.next = t;
            t.previous = last;
        }
        lastDue[slot] = t;
        inRing++;
    }

    private void unlink(Task t) {
        int slot = (int) (t.dueMillis & RING_MASK);
        if (t.previous == null) {
            firstDue[slot] = t.next;
        } else {
            t.previous.next = t.next;
        }
        if (t.next == null) {
            lastDue[slot] = t.previous;
        } else {
            t.next.previous = t.previous;
        }
        t.previous = null;
        t.next = null;
        inRing--;
    }

    private void cancelled(Task t) {
        if (!t.later) {
            unlink(t);
            t.polled = true;
            return;
        }
        cancelledLater++;
        if (cancelledLater >= SWEEP_MIN_CANCELLED && 2 * cancelledLater > later.size()) {
            // Removing cancelled tasks keeps the order of the rest: it is by due time and sequence.
            later.removeIf(q -> q.cancelled);
            cancelledLater = 0;
        }
    }

    /**
     * Sets the clock to {@code millis} (never back) and brings every later task now within the
     * ring's reach into it: their lists are empty until then, so they come first, in heap order.
     */
    private void moveTo(long millis) {
        nowMillis = Math.max(nowMillis, millis);
        while (!later.isEmpty() && later.peek().dueMillis - nowMillis < RING_MILLIS) {
            Task t = later.poll();
            t.later = false;
            if (t.cancelled) {
                cancelledLater--;
                t.polled = true;
            } else {
                append(t);
            }
        }
    }

    /**
     * Takes off the next task due by {@code targetMillis}, moving the clock to its due time, or
     * returns null (the clock then stands where the last task ran, or earlier).
     */
    private Task takeNextDueBy(long targetMillis) {
        while (true) {
            if (inRing == 0) {
                if (later.isEmpty() || later.peek().dueMillis > targetMillis) {
                    return null;
                }
                moveTo(later.peek().dueMillis);
            }
            Task first = firstDue[(int) (nowMillis & RING_MASK)];
            if (first != null) {
                unlink(first);
                first.polled = true;
                return first;
            }
            if (nowMillis >= targetMillis) {
                return null;
            }
            moveTo(nowMillis + 1);
        }
    }

    /** Runs every task due now, including those they schedule for now. */
    public void runUntilIdle() {
        runUntil(nowMillis);
    }

    /**
     * Moves time forward by {@code d}, running each task at its due time.
     *
     * @param d how much time passes
     */
    public void advance(Duration d) {
        runUntil(nowMillis + d.toMillis());
    }

    /**
     * Runs tasks in due order up to and including {@code targetMillis}, then sets the clock there.
     *
     * @param targetMillis the monotonic virtual millisecond to stop at
     */
    public void runUntil(long targetMillis) {
        for (Task t = takeNextDueBy(targetMillis); t != null; t = takeNextDueBy(targetMillis)) {
            run(t);
        }
        moveTo(targetMillis);
    }

    /**
     * Runs the next due task, whatever its time; false when nothing is queued.
     *
     * @return whether a task ran
     */
    public boolean runNext() {
        Task t = takeNextDueBy(Long.MAX_VALUE);
        if (t == null) {
            return false;
        }
        run(t);
        return true;
    }

    private void run(Task t) {
        if (t.alive != null && !t.alive.getAsBoolean()) {
            return;
        }
        executed++;
        if (kinds != null) {
            kinds.computeIfAbsent(t.task.getClass(), c -> new long[1])[0]++;
        }
        t.task.run();
    }

    /**
     * From now on counts the tasks run by kind (see {@link #taskKinds()}): for finding where a
     * simulation's time goes. Costs a map look-up per task; off unless called. On the driving thread.
     */
    public void countTaskKinds() {
        if (kinds == null) {
            kinds = new HashMap<>();
        }
    }

    /**
     * Tasks run since {@link #countTaskKinds()}, by the class of their {@code Runnable}; a lambda is
     * named after the class that wrote it (its {@code $$Lambda} suffix cut). On the driving thread.
     *
     * @return counts by kind, sorted by name; empty if counting was never asked for
     */
    public Map<String, Long> taskKinds() {
        Map<String, Long> out = new TreeMap<>();
        if (kinds != null) {
            kinds.forEach((c, n) -> out.merge(kindOf(c), n[0], Long::sum));
        }
        return out;
    }

    private static String kindOf(Class<?> c) {
        String name = c.getName();
        int lambda = name.indexOf("$$Lambda");
        return lambda < 0 ? name : name.substring(0, lambda) + "(lambda)";
    }

    /**
     * How many tasks have run since the start (cancelled ones are not counted).
     *
     * @return the count
     */
    public long executedTasks() {
        return executed;
    }

    /**
     * Tasks queued that may still run (cancelled ones not counted).
     *
     * @return the count
     */
    public int pendingTasks() {
        return inRing + later.size() - cancelledLater;
    }

    /** Tasks queued, cancelled ones not yet swept out of the heap of later tasks included. */
    int queuedTasks() {
        return inRing + later.size();
    }

    /** A queued task is its own handle: one object per task, and its own link in the ring's lists. */
    private static final class Task implements Comparable<Task>, Cancellable {
        final VirtualTimeScheduler owner;
        final long dueMillis;
        final long seq;
        final Runnable task;
        final BooleanSupplier alive;
        Task previous;
        Task next;
        /** Waiting in the heap of later tasks, not in the ring. */
        boolean later;
        boolean cancelled;
        /** Taken off the queue (run or skipped): cancelling it then changes nothing. */
        boolean polled;

        Task(VirtualTimeScheduler owner, long dueMillis, long seq, Runnable task, BooleanSupplier alive) {
            this.owner = owner;
            this.dueMillis = dueMillis;
            this.seq = seq;
            this.task = task;
            this.alive = alive;
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
