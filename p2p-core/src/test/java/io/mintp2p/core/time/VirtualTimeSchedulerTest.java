package io.mintp2p.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VirtualTimeSchedulerTest {
    private final VirtualTimeScheduler time = new VirtualTimeScheduler();

    @Test
    void cancelledTasksAreSweptOutAndTheRestRunInDueThenScheduleOrder() {
        SplittableRandom random = new SplittableRandom(1);
        List<Integer> ran = new ArrayList<>();
        List<long[]> expected = new ArrayList<>();
        int n = 10 * VirtualTimeScheduler.SWEEP_MIN_CANCELLED;
        for (int i = 0; i < n; i++) {
            int id = i;
            long due = random.nextInt(50);
            Cancellable c = time.schedule(Duration.ofMillis(due), () -> ran.add(id));
            if (i % 4 != 0) {
                c.cancel();
                c.cancel();
            } else {
                expected.add(new long[] {due, id});
            }
        }
        assertThat(time.pendingTasks()).isEqualTo(n / 4);
        assertThat(time.queuedTasks()).as("swept once half were cancelled").isLessThan(n / 2);
        expected.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));

        time.advance(Duration.ofMillis(100));
        assertThat(ran).containsExactlyElementsOf(expected.stream().map(e -> (int) e[1]).toList());
        assertThat(time.pendingTasks()).isZero();
        assertThat(time.executedTasks()).isEqualTo(n / 4);
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
}
