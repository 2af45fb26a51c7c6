package io.mintp2p.core.time;

import java.time.Duration;
import java.util.Arrays;

/**
 * Many long-lived timers on one {@link Scheduler} timer: they wait in a binary heap ordered by due
 * time (then by the order they were armed), and the scheduler is asked to wake up for the earliest
 * one only. A {@link Timer} is a field of its owner and is re-armed in place, so an armed timer costs
 * no objects: a node keeps a keepalive timer per peer, and a scheduler timer each cost ~140 B per
 * idle peer (BENCHMARKS.md, memory.idle_peer). Timers fire on the scheduler, at the same times as
 * scheduler timers would.
 * <p>
 * Not thread-safe: used on the scheduler's serial context only.
 */
public final class TimerHeap {
    /** One re-armable timer; what it does is {@link #fire()}. */
    public abstract static class Timer {
        private long dueMillis;
        private long sequence;
        /** Where it sits in the heap, -1 when not armed. */
        private int index = -1;

        /** Runs on the scheduler when the timer is due. */
        protected abstract void fire();

        public boolean isArmed() {
            return index >= 0;
        }
    }

    private final Scheduler scheduler;
    private Timer[] heap = new Timer[16];
    private int size;
    private long sequence;
    /** The scheduler timer waiting for the earliest due time, and that time (MAX_VALUE: none). */
    private Cancellable wakeUp = Cancellable.NONE;
    private long wakeUpAtMillis = Long.MAX_VALUE;

    public TimerHeap(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Arms {@code timer} to fire after {@code delay}, replacing its previous due time if it was armed. */
    public void schedule(Timer timer, Duration delay) {
        long now = scheduler.clock().monotonicMillis();
        if (timer.index >= 0) {
            removeAt(timer.index);
        }
        timer.dueMillis = now + Math.max(0, delay.toMillis());
        timer.sequence = sequence++;
        add(timer);
        wakeUpBy(heap[0].dueMillis, now);
    }

    /** Disarms {@code timer}; harmless when it is not armed. */
    public void cancel(Timer timer) {
        if (timer.index < 0) {
            return;
        }
        removeAt(timer.index);
        if (size == 0) {
            wakeUp.cancel();
            wakeUp = Cancellable.NONE;
            wakeUpAtMillis = Long.MAX_VALUE;
        }
    }

    /** Timers armed now (tests). */
    int armed() {
        return size;
    }

    private void wakeUpBy(long dueMillis, long now) {
        if (dueMillis >= wakeUpAtMillis) {
            return;
        }
        wakeUp.cancel();
        wakeUpAtMillis = dueMillis;
        wakeUp = scheduler.schedule(Duration.ofMillis(dueMillis - now), this::fireDue);
    }

    /** Fires the timers due now; those armed while firing wait for the next wake-up, even if due at once. */
    private void fireDue() {
        wakeUp = Cancellable.NONE;
        wakeUpAtMillis = Long.MAX_VALUE;
        long now = scheduler.clock().monotonicMillis();
        long armedBefore = sequence;
        while (size > 0 && heap[0].dueMillis <= now && heap[0].sequence < armedBefore) {
            Timer due = heap[0];
            removeAt(0);
            due.fire();
        }
        if (size > 0) {
            wakeUpBy(heap[0].dueMillis, now);
        }
    }

    // --- the binary heap -------------------------------------------------------------------------------

    private static boolean before(Timer a, Timer b) {
        return a.dueMillis < b.dueMillis || a.dueMillis == b.dueMillis && a.sequence < b.sequence;
    }

    private void add(Timer timer) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        place(timer, size++);
        siftUp(timer.index);
    }

    private void removeAt(int i) {
        Timer removed = heap[i];
        Timer last = heap[--size];
        heap[size] = null;
        removed.index = -1;
        if (i == size) {
            return;
        }
        place(last, i);
        siftDown(i);
        if (last.index == i) {
            siftUp(i);
        }
    }

    private void siftUp(int i) {
        Timer timer = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(timer, heap[parent])) {
                break;
            }
            place(heap[parent], i);
            i = parent;
        }
        place(timer, i);
    }

    private void siftDown(int i) {
        Timer timer = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], timer)) {
                break;
            }
            place(heap[child], i);
            i = child;
        }
        place(timer, i);
    }

    private void place(Timer timer, int i) {
        heap[i] = timer;
        timer.index = i;
    }
}
