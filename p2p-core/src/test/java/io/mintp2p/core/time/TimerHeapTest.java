package io.mintp2p.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimerHeapTest {
    private final VirtualTimeScheduler time = new VirtualTimeScheduler();
    private final TimerHeap heap = new TimerHeap(time);
    private final List<String> fired = new ArrayList<>();

    /** A timer that runs {@code action} when it fires. */
    private static final class TestTimer implements TimerHeap.Timer {
        private final Runnable action;
        private int heapIndex = -1;

        TestTimer(Runnable action) {
            this.action = action;
        }

        @Override
        public void fire() {
            action.run();
        }

        @Override
        public int heapIndex() {
            return heapIndex;
        }

        @Override
        public void heapIndex(int index) {
            heapIndex = index;
        }

        boolean isArmed() {
            return heapIndex >= 0;
        }
    }

    private TestTimer timer(String name) {
        return new TestTimer(() -> fired.add(name + "@" + time.millis()));
    }

    @Test
    void timersFireAtTheirTimesInOrderOnOneSchedulerTimer() {
        heap.schedule(timer("c"), Duration.ofMillis(300));
        heap.schedule(timer("a"), Duration.ofMillis(100));
        heap.schedule(timer("b1"), Duration.ofMillis(200));
        heap.schedule(timer("b2"), Duration.ofMillis(200));
        assertThat(time.pendingTasks()).as("one wake-up for all of them").isEqualTo(1);

        time.advance(Duration.ofMillis(1000));

        assertThat(fired).containsExactly("a@100", "b1@200", "b2@200", "c@300");
        assertThat(time.pendingTasks()).isZero();
        assertThat(heap.armed()).isZero();
    }

    @Test
    void reArmingMovesATimerAndCancellingDisarmsIt() {
        TestTimer moved = timer("moved");
        TestTimer cancelled = timer("cancelled");
        heap.schedule(moved, Duration.ofMillis(100));
        heap.schedule(cancelled, Duration.ofMillis(50));
        heap.schedule(moved, Duration.ofMillis(500));
        heap.cancel(cancelled);
        heap.cancel(cancelled);
        assertThat(cancelled.isArmed()).isFalse();
        assertThat(moved.isArmed()).isTrue();

        time.advance(Duration.ofMillis(1000));

        assertThat(fired).containsExactly("moved@500");
    }

    @Test
    void cancellingTheLastTimerCancelsTheWakeUp() {
        TestTimer only = timer("only");
        heap.schedule(only, Duration.ofMinutes(1));
        heap.cancel(only);
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void aTimerReArmedForNowWhileFiringFiresOnTheNextWakeUpNotInALoop() {
        int[] runs = new int[1];
        TestTimer[] again = new TestTimer[1];
        again[0] = new TestTimer(() -> {
            if (++runs[0] < 3) {
                heap.schedule(again[0], Duration.ZERO);
            }
        });
        heap.schedule(again[0], Duration.ofMillis(10));
        time.advance(Duration.ofMillis(10));
        assertThat(runs[0]).isEqualTo(3);
        assertThat(again[0].isArmed()).isFalse();
    }

    @Test
    void manyTimersArmedAndCancelledAtRandomFireInDueOrder() {
        SplittableRandom random = new SplittableRandom(7);
        List<TestTimer> timers = new ArrayList<>();
        List<Long> firedAt = new ArrayList<>();
        boolean[] live = new boolean[500];
        long[] dueAt = new long[500];
        for (int i = 0; i < 500; i++) {
            int id = i;
            TestTimer t = new TestTimer(() -> {
                assertThat(live[id]).isTrue();
                assertThat(time.millis()).isEqualTo(dueAt[id]);
                live[id] = false;
                firedAt.add(time.millis());
            });
            timers.add(t);
        }
        for (int step = 0; step < 5000; step++) {
            int id = random.nextInt(500);
            if (random.nextInt(4) == 0) {
                heap.cancel(timers.get(id));
                live[id] = false;
            } else {
                long delay = random.nextInt(10_000);
                heap.schedule(timers.get(id), Duration.ofMillis(delay));
                live[id] = true;
                dueAt[id] = time.millis() + delay;
            }
            if (random.nextInt(10) == 0) {
                time.advance(Duration.ofMillis(random.nextInt(500)));
            }
        }
        time.advance(Duration.ofMillis(20_000));
        assertThat(firedAt).isSorted();
        for (int i = 0; i < 500; i++) {
            assertThat(live[i]).as("timer %d fired or was cancelled", i).isFalse();
        }
        assertThat(heap.armed()).isZero();
    }

    @Test
    void aTimerArmedForAnAbsoluteTimeFiresThenAndOneInThePastAtOnce() {
        time.advance(Duration.ofMillis(1_000));
        TestTimer later = timer("later");
        TestTimer overdue = timer("overdue");
        heap.scheduleAt(later, 1_500);
        heap.scheduleAt(overdue, 200);
        assertThat(heap.dueAt(later)).isEqualTo(1_500);
        assertThat(heap.dueAt(overdue)).as("a time passed is now").isEqualTo(1_000);

        time.advance(Duration.ofMillis(1_000));

        assertThat(fired).containsExactly("overdue@1000", "later@1500");
        assertThat(heap.dueAt(later)).as("fired: not armed").isEqualTo(Long.MAX_VALUE);
    }
}
