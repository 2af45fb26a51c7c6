package io.mintp2p.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class EventLoopSchedulerTest {
    @Test
    void aCancelledTimerLeavesTheQueueAtOnce() {
        try (EventLoopScheduler scheduler = new EventLoopScheduler("test-loop")) {
            AtomicBoolean ran = new AtomicBoolean();
            Cancellable timer = scheduler.schedule(Duration.ofHours(1), () -> ran.set(true));
            assertThat(scheduler.queued()).isEqualTo(1);

            timer.cancel();

            assertThat(scheduler.queued()).isZero();
            assertThat(ran).isFalse();
        }
    }

    @Test
    void aTimerThatIsNotCancelledStillRuns() throws InterruptedException {
        try (EventLoopScheduler scheduler = new EventLoopScheduler("test-loop")) {
            CountDownLatch ran = new CountDownLatch(1);
            scheduler.schedule(Duration.ofMillis(10), ran::countDown);
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
