package io.mintp2p.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

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

    @Test
    void aNodesLoopThreadIsNamedAfterItAndCarriesItsLogContext() throws Exception {
        try (EventLoopScheduler scheduler = EventLoopScheduler.forNode("alice")) {
            CompletableFuture<String> seen = new CompletableFuture<>();
            scheduler.execute(() -> seen.complete(Thread.currentThread().getName() + " "
                    + MDC.get(NodeThreads.MDC_KEY) + " " + scheduler.inLoop()));
            assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("mintp2p-alice alice true");
        }
    }

    @Test
    void closedItsThreadEndsDespiteTimersAndLaterTasksRunOnTheCaller() throws Exception {
        EventLoopScheduler scheduler = EventLoopScheduler.forNode("closing");
        CompletableFuture<Thread> loop = new CompletableFuture<>();
        scheduler.execute(() -> loop.complete(Thread.currentThread()));
        AtomicBoolean timerRan = new AtomicBoolean();
        scheduler.schedule(Duration.ofHours(1), () -> timerRan.set(true));

        Thread thread = loop.get(5, TimeUnit.SECONDS);
        scheduler.close();
        thread.join(5_000);

        assertThat(thread.isAlive()).as("a pending timer does not keep the thread").isFalse();
        AtomicBoolean inLoop = new AtomicBoolean();
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        scheduler.execute(() -> {
            ranOn.set(Thread.currentThread());
            inLoop.set(scheduler.inLoop());
        });
        assertThat(ranOn.get()).isSameAs(caller);
        assertThat(inLoop).isTrue();
        assertThat(scheduler.inLoop()).isFalse();
        assertThat(scheduler.schedule(Duration.ZERO, () -> timerRan.set(true))).isSameAs(Cancellable.NONE);
        assertThat(timerRan).isFalse();
    }
}
