package io.mintp2p.core.time;

import java.time.Duration;
import java.util.Arrays;

/**
 * Many long-lived timers on one {@link Scheduler} timer: they wait in a binary heap ordered by due
 * time (then by the order they were armed), and the scheduler is asked to wake up for the earliest
 * one only. A {@link Timer} is re-armed in place and the heap keeps its due time and arming order in
 * arrays of its own, so an armed timer costs its owner one {@code int} and no objects: a node keeps a
 * keepalive timer per peer, and a scheduler timer each cost ~140 B per idle peer (BENCHMARKS.md,
 * memory.idle_peer). Timers fire on the scheduler, at the same times as scheduler timers would.
 * <p>
 * Not thread-safe: every method runs on the scheduler's serial context only, and none blocks.
 */
public final class TimerHeap {
    /**
     * One re-armable timer: what it does ({@link #fire()}) and where it sits in its heap, which only
     * the heap reads and writes (on the scheduler). An implementor keeps that place in an {@code int}
     * field that starts at -1.
     */
    public interface Timer {
        /** Runs on the scheduler when the timer is due; it is no longer armed by then and may re-arm itself. */
        void fire();

        /**
         * The place the heap gave it, -1 when not armed. Read by the heap only.
         *
         * @return the place, or -1
         */
        int heapIndex();

        /**
         * Written by the heap only, on the scheduler.
         *
         * @param index the new place, or -1
         */
        void heapIndex(int index);
    }

    private final Scheduler scheduler;
    // Three parallel arrays, slot i of each describing the timer at heap position i.
    private Timer[] heap = new Timer[16];
    private long[] dueMillis = new long[16];
    private long[] sequences = new long[16];
    private int size;
    private long sequence;
    /** The scheduler timer waiting for the earliest due time, and that time (MAX_VALUE: none). */
    private Cancellable wakeUp = Cancellable.NONE;
    private long wakeUpAtMillis = Long.MAX_VALUE;

    /**
     * An empty heap whose timers fire on {@code scheduler}.
     *
     * @param scheduler the serial context that runs every method and fires the timers
     */
    public TimerHeap(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Arms {@code timer} to fire after {@code delay}, replacing its previous due time if it was armed.
     *
     * @param timer the timer
     * @param delay from now; a negative one counts as zero
     */
    public void schedule(Timer timer, Duration delay) {
        long now = scheduler.clock().monotonicMillis();
        scheduleAt(timer, now + Math.max(0, delay.toMillis()), now);
    }

    /**
     * Arms {@code timer} to fire at the monotonic millisecond {@code due} (as {@link Clock#monotonicMillis()};
     * at once if that has passed), replacing its previous due time if it was armed.
     *
     * @param timer the timer
     * @param due   the monotonic millisecond to fire at
     */
    public void scheduleAt(Timer timer, long due) {
        long now = scheduler.clock().monotonicMillis();
        scheduleAt(timer, Math.max(due, now), now);
    }

    private void scheduleAt(Timer timer, long due, long now) {
        if (timer.heapIndex() >= 0) {
            removeAt(timer.heapIndex());
        }
        add(timer, due, sequence++);
        wakeUpBy(dueMillis[0], now);
    }

    /**
     * Disarms {@code timer}; harmless when it is not armed.
     *
     * @param timer the timer
     */
    public void cancel(Timer timer) {
        if (timer.heapIndex() < 0) {
            return;
        }
        removeAt(timer.heapIndex());
        if (size == 0) {
            wakeUp.cancel();
            wakeUp = Cancellable.NONE;
            wakeUpAtMillis = Long.MAX_VALUE;
        }
    }

    /**
     * The monotonic millisecond {@code timer} is armed for, {@link Long#MAX_VALUE} when it is not armed.
     *
     * @param timer the timer
     * @return the due time, or {@link Long#MAX_VALUE}
     */
    public long dueAt(Timer timer) {
        int i = timer.heapIndex();
        return i < 0 ? Long.MAX_VALUE : dueMillis[i];
    }

    /** Timers armed now (tests). */
    int armed() {
        return size;
    }

    private void wakeUpBy(long due, long now) {
        if (due >= wakeUpAtMillis) {
            return;
        }
        wakeUp.cancel();
        wakeUpAtMillis = due;
        wakeUp = scheduler.schedule(Duration.ofMillis(due - now), this::fireDue);
    }

    /** Fires the timers due now; those armed while firing wait for the next wake-up, even if due at once. */
    private void fireDue() {
        wakeUp = Cancellable.NONE;
        wakeUpAtMillis = Long.MAX_VALUE;
        long now = scheduler.clock().monotonicMillis();
        long armedBefore = sequence;
        while (size > 0 && dueMillis[0] <= now && sequences[0] < armedBefore) {
            Timer due = heap[0];
            removeAt(0);
            due.fire();
        }
        if (size > 0) {
            wakeUpBy(dueMillis[0], now);
        }
    }

    // --- the binary heap -------------------------------------------------------------------------------

    private static boolean before(long dueA, long seqA, long dueB, long seqB) {
        return dueA < dueB || dueA == dueB && seqA < seqB;
    }

    /** Whether the timer (due, seq) comes before the one at heap position {@code b}. */
    private boolean before(long due, long seq, int b) {
        return before(due, seq, dueMillis[b], sequences[b]);
    }

    private void add(Timer timer, long due, long seq) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            dueMillis = Arrays.copyOf(dueMillis, size * 2);
            sequences = Arrays.copyOf(sequences, size * 2);
        }
        siftUp(timer, due, seq, size++);
    }

    private void removeAt(int i) {
        heap[i].heapIndex(-1);
        int lastIndex = --size;
        Timer last = heap[lastIndex];
        long lastDue = dueMillis[lastIndex];
        long lastSeq = sequences[lastIndex];
        heap[lastIndex] = null;
        if (i == lastIndex) {
            return;
        }
        siftDown(last, lastDue, lastSeq, i);
        if (last.heapIndex() == i) {
            siftUp(last, lastDue, lastSeq, i);
        }
    }

    /** Puts the timer at {@code i} or above it, moving down the parents it comes before. */
    private void siftUp(Timer timer, long due, long seq, int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(due, seq, parent)) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        place(timer, due, seq, i);
    }

    /** Puts the timer at {@code i} or below it, moving up the children that come before it. */
    private void siftDown(Timer timer, long due, long seq, int i) {
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(dueMillis[child + 1], sequences[child + 1], child)) {
                child++;
            }
            if (!before(dueMillis[child], sequences[child], due, seq)) {
                break;
            }
            move(child, i);
            i = child;
        }
        place(timer, due, seq, i);
    }

    private void move(int from, int to) {
        place(heap[from], dueMillis[from], sequences[from], to);
    }

    private void place(Timer timer, long due, long seq, int i) {
        heap[i] = timer;
        dueMillis[i] = due;
        sequences[i] = seq;
        timer.heapIndex(i);
    }
}
