package io.mintp2p.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VirtualTimeSchedulerTest {
    private final VirtualTimeScheduler time = new VirtualTimeScheduler();

    /** Near tasks wait in the ring (unlinked when cancelled), far ones in the heap (swept). */
    @ParameterizedTest
    @ValueSource(longs = {0, VirtualTimeScheduler.RING_MILLIS - 20})
    void cancelledTasksAreDroppedAndTheRestRunInDueThenScheduleOrder(long from) {
        SplittableRandom random = new SplittableRandom(1);
        List<Integer> ran = new ArrayList<>();
        List<long[]> expected = new ArrayList<>();
        int n = 10 * VirtualTimeScheduler.SWEEP_MIN_CANCELLED;
        for (int i = 0; i < n; i++) {
            int id = i;
            long due = from + random.nextInt(50);
            Cancellable c = time.schedule(Duration.ofMillis(due), () -> ran.add(id));
            if (i % 4 != 0) {
                c.cancel();
                c.cancel();
            } else {
                expected.add(new long[] {due, id});
            }
        }
        assertThat(time.pendingTasks()).isEqualTo(n / 4);
        assertThat(time.queuedTasks()).as("dropped, or swept once half were cancelled").isLessThan(n / 2);
        expected.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));

        time.advance(Duration.ofMillis(from + 100));
        assertThat(ran).containsExactlyElementsOf(expected.stream().map(e -> (int) e[1]).toList());
        assertThat(time.pendingTasks()).isZero();
        assertThat(time.executedTasks()).isEqualTo(n / 4);
    }

    @Test
    void aTaskWhoseOwnerDiedIsSkippedAndNotCounted() {
        List<String> ran = new ArrayList<>();
        boolean[] alive = {true};
        time.schedule(Duration.ofMillis(1), () -> ran.add("guarded, alive"), () -> alive[0]);
        time.schedule(Duration.ofMillis(2), () -> ran.add("guarded, dead"), () -> alive[0]);
        time.schedule(Duration.ofMillis(3), () -> ran.add("unguarded"), null);
        time.advance(Duration.ofMillis(1));
        alive[0] = false;
        time.advance(Duration.ofMillis(5));
        assertThat(ran).containsExactly("guarded, alive", "unguarded");
        assertThat(time.executedTasks()).isEqualTo(2);
    }

    @Test
    void tasksAreCountedByKindOnlyOnceAsked() {
        time.execute(new Marker());
        time.runUntilIdle();
        assertThat(time.taskKinds()).isEmpty();
        time.countTaskKinds();
        time.execute(new Marker());
        time.execute(new Marker());
        time.execute(() -> { });
        time.runUntilIdle();
        assertThat(time.taskKinds()).containsExactly(
                java.util.Map.entry(Marker.class.getName(), 2L),
                java.util.Map.entry(VirtualTimeSchedulerTest.class.getName() + "(lambda)", 1L));
    }

    private static final class Marker implements Runnable {
        @Override
        public void run() {
        }
    }

    @Test
    void cancellingATaskThatRanChangesNothing() {
        List<String> ran = new ArrayList<>();
        Cancellable first = time.schedule(Duration.ofMillis(1), () -> ran.add("first"));
        time.advance(Duration.ofMillis(1));
        first.cancel();
        time.schedule(Duration.ofMillis(1), () -> ran.add("second"));
        assertThat(time.pendingTasks()).isEqualTo(1);
        time.advance(Duration.ofMillis(1));
        assertThat(ran).containsExactly("first", "second");
        assertThat(time.pendingTasks()).isZero();
    }

    /**
     * Hand-offs ({@code execute}, zero delays), tasks for a little later and tasks beyond the ring's
     * reach (which move into it as time comes near), scheduled by tasks as they run: the run order is
     * (due time, order scheduled), checked against a plain priority queue doing the same seeded program.
     */
    @Test
    void tasksForNowAndForLaterRunInDueThenScheduleOrder() {
        for (long seed = 1; seed <= 20; seed++) {
            List<Integer> ran = new ArrayList<>();
            runProgram(new SplittableRandom(seed), time(time, ran), 0);
            time.advance(Duration.ofMillis(5 * VirtualTimeScheduler.RING_MILLIS));

            List<Integer> expected = new ArrayList<>();
            ReferenceScheduler reference = new ReferenceScheduler();
            runProgram(new SplittableRandom(seed), reference.driver(expected), 0);
            reference.runAll();
            assertThat(ran).as("seed %d", seed).isNotEmpty().containsExactlyElementsOf(expected);
            ran.clear();
        }
    }

    /** What the program needs of a scheduler: schedule a task in a delay (0 = now) and note it ran. */
    private interface Driver {
        void schedule(long delayMillis, int id, Runnable then);
    }

    private static Driver time(VirtualTimeScheduler time, List<Integer> ran) {
        return (delay, id, then) -> {
            Runnable task = () -> {
                ran.add(id);
                then.run();
            };
            if (delay == 0 && id % 2 == 0) {
                time.execute(task);
            } else {
                time.schedule(Duration.ofMillis(delay), task);
            }
        };
    }

    /** Each task schedules up to two more, now or a few milliseconds on, down to a fixed depth. */
    private static void runProgram(SplittableRandom random, Driver driver, int depth) {
        int tasks = depth == 0 ? 40 : random.nextInt(3);
        for (int i = 0; i < tasks && depth < 4; i++) {
            long delay = switch (random.nextInt(6)) {
                case 0, 1 -> 0;
                case 2 -> VirtualTimeScheduler.RING_MILLIS - 3 + random.nextInt(6); // at the ring's edge
                default -> random.nextInt(5);
            };
            int id = random.nextInt(1_000_000);
            long childSeed = random.nextLong();
            driver.schedule(delay, id, () -> runProgram(new SplittableRandom(childSeed), driver, depth + 1));
        }
    }

    /** The order by definition: a heap on (due time, sequence). */
    private static final class ReferenceScheduler {
        private final java.util.PriorityQueue<long[]> heap = new java.util.PriorityQueue<>(
                (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        private final List<Runnable> tasks = new ArrayList<>();
        private long now;

        Driver driver(List<Integer> ran) {
            return (delay, id, then) -> {
                tasks.add(() -> {
                    ran.add(id);
                    then.run();
                });
                heap.add(new long[] {now + delay, tasks.size() - 1});
            };
        }

        void runAll() {
            while (!heap.isEmpty()) {
                long[] next = heap.poll();
                now = next[0];
                tasks.get((int) next[1]).run();
            }
        }
    }
}
