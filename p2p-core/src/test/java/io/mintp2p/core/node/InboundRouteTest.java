package io.mintp2p.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** The messages of one read go to the handlers as one task, in order, and only when the read is over. */
class InboundRouteTest {
    /** A pool that keeps what it is given, to count hand-overs and run them when the test says. */
    private static final class CountingPool implements Executor {
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            List<Runnable> now = new ArrayList<>(tasks);
            tasks.clear();
            now.forEach(Runnable::run);
        }
    }

    private final CountingPool pool = new CountingPool();
    private final Link route = BareLink.of(null, 100, 1 << 20, new LongAdder(), pool);
    private final List<Integer> handled = new ArrayList<>();

    @Test
    void aReadsDeliveriesWaitForItsEndAndGoAsOneTaskInOrder() {
        for (int i = 0; i < 5; i++) {
            int n = i;
            route.addToBatch(() -> handled.add(n));
        }
        assertThat(pool.tasks).as("nothing handed over while the read goes on").isEmpty();

        route.flushBatch();
        assertThat(pool.tasks).as("one hand-over for the whole read").hasSize(1);
        pool.runAll();
        assertThat(handled).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void eachReadIsItsOwnBatchAndAnEmptyReadHandsOverNothing() {
        route.flushBatch();
        assertThat(pool.tasks).isEmpty();

        route.addToBatch(() -> handled.add(1));
        route.flushBatch();
        pool.runAll();
        route.addToBatch(() -> handled.add(2));
        route.addToBatch(() -> handled.add(3));
        route.flushBatch();
        route.flushBatch();
        pool.runAll();

        assertThat(handled).containsExactly(1, 2, 3);
    }
}
