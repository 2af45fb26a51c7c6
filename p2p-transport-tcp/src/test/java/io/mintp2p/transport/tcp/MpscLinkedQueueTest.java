package io.mintp2p.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Many adders, one taker: nothing lost, nothing twice, each adder's elements in its order. */
class MpscLinkedQueueTest {
    private record Item(int producer, int seq) {
    }

    @Test
    void emptyQueueGivesNothing() {
        MpscLinkedQueue q = new MpscLinkedQueue();
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.poll()).isNull();
        q.add("a");
        q.add("b");
        assertThat(q.isEmpty()).isFalse();
        assertThat(q.poll()).isEqualTo("a");
        assertThat(q.poll()).isEqualTo("b");
        assertThat(q.poll()).isNull();
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void concurrentAddersAreTakenWholeAndInEachAddersOrder() throws Exception {
        MpscLinkedQueue q = new MpscLinkedQueue();
        int producers = 4;
        int perProducer = 100_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perProducer; i++) {
                    q.add(new Item(id, i));
                }
            });
            t.start();
            threads.add(t);
        }
        int[] next = new int[producers];
        int taken = 0;
        start.countDown();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (taken < producers * perProducer && System.nanoTime() < deadline) {
            Object o = q.poll();
            if (o == null) {
                Thread.onSpinWait();
                continue;
            }
            Item item = (Item) o;
            assertThat(item.seq()).as("producer %d", item.producer()).isEqualTo(next[item.producer()]);
            next[item.producer()]++;
            taken++;
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(taken).isEqualTo(producers * perProducer);
        assertThat(q.poll()).isNull();
    }
}
