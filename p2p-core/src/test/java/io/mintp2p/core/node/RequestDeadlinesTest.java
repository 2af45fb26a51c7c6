package io.mintp2p.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.time.VirtualTimeScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

class RequestDeadlinesTest {
    private final VirtualTimeScheduler time = new VirtualTimeScheduler();
    /** Deadlines "in flight", as the runtime's requests would be; the sweep takes the due ones out. */
    private final PriorityQueue<Long> inFlight = new PriorityQueue<>();
    private final List<Long> sweptAt = new ArrayList<>();
    private final List<Long> timedOut = new ArrayList<>();
    private RequestDeadlines deadlines;

    RequestDeadlinesTest() {
        deadlines = new RequestDeadlines(time, () -> {
            long now = deadlines.now();
            sweptAt.add(now);
            while (!inFlight.isEmpty() && inFlight.peek() <= now) {
                timedOut.add(inFlight.poll());
            }
            if (!inFlight.isEmpty()) {
                deadlines.arm(inFlight.peek());
            }
        });
    }

    private long request(Duration timeout) {
        long deadline = deadlines.now() + timeout.toNanos();
        inFlight.add(deadline);
        deadlines.arm(deadline);
        return deadline;
    }

    @Test
    void requestsWithOneTimeoutArmOneTaskAndEachTimesOutAtItsDeadline() {
        long first = request(Duration.ofSeconds(10));
        time.advance(Duration.ofSeconds(1));
        long second = request(Duration.ofSeconds(10));
        long third = request(Duration.ofSeconds(10));
        assertThat(time.pendingTasks()).isEqualTo(1);

        time.advance(Duration.ofSeconds(9));
        assertThat(timedOut).containsExactly(first);
        time.advance(Duration.ofSeconds(1));
        assertThat(timedOut).containsExactly(first, second, third);
        assertThat(sweptAt).containsExactly(first, second);
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void aShorterTimeoutAfterALongerOneIsNotLate() {
        long longer = request(Duration.ofSeconds(30));
        long shorter = request(Duration.ofSeconds(2));

        time.advance(Duration.ofSeconds(2));
        assertThat(timedOut).containsExactly(shorter);
        time.advance(Duration.ofSeconds(28));
        assertThat(timedOut).containsExactly(shorter, longer);
    }

    @Test
    void nothingInFlightLeavesNothingArmed() {
        long only = request(Duration.ofSeconds(5));
        inFlight.remove(only); // answered
        time.advance(Duration.ofSeconds(5));
        assertThat(timedOut).isEmpty();
        assertThat(time.pendingTasks()).isZero();
        request(Duration.ofSeconds(5));
        assertThat(time.pendingTasks()).isEqualTo(1);
    }
}
