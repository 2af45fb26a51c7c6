package io.mintp2p.bench.scenario;

import io.mintp2p.bench.node.BenchMessages;
import io.mintp2p.bench.node.BenchNodes;
import io.mintp2p.bench.raw.BatchSender;
import io.mintp2p.bench.raw.FrameCounter;
import io.mintp2p.bench.raw.RawLink;
import io.mintp2p.bench.raw.RawNetty;
import io.mintp2p.bench.report.Row;
import io.mintp2p.core.node.P2pNode;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Fan-out: one hub sends each message to {@code peers} connected peers ({@code P2pNode.broadcast},
 * each peer a subscribed node) against raw Netty writing one encoded frame to {@code peers} channels
 * on one event loop. The figure is deliveries per second (messages x peers that received them).
 */
public final class BroadcastScenario {
    /** Bytes per peer the hub's application lets be outstanding (sent, not yet received). */
    private static final int WINDOW_BYTES = 1024 * 1024;
    private final String name;
    private final int bodyBytes;
    private final int peers;
    private final long messages;
    private final int rounds;

    public BroadcastScenario(String name, int bodyBytes, int peers, long messages, int rounds) {
        this.name = name;
        this.bodyBytes = bodyBytes;
        this.peers = peers;
        this.messages = messages;
        this.rounds = rounds;
    }

    public Row run() throws Exception {
        int payload = BenchMessages.wirePayloadBytes(BenchMessages.BLOB, bodyBytes);
        byte[] rawPayload = new byte[payload];
        FrameCounter counter = new FrameCounter();
        BatchSender sender = new BatchSender();
        try (RawLink raw = new RawLink(peers, Optional.empty(), () -> counter, () -> sender);
             Hub hub = new Hub()) {
            Rounds.Medians m = Rounds.alternate(rounds, warm -> {
                long n = messages * 4;
                CountDownLatch done = counter.expect(n * peers);
                long start = System.nanoTime();
                sender.start(raw.clients(), () -> RawNetty.frame(ByteBufAllocator.DEFAULT, rawPayload), n);
                ThroughputScenario.await(done, counter::frames, n * peers);
                return n * peers / ThroughputScenario.seconds(start);
            }, warm -> hub.run(warm ? messages / 4 : messages, !warm));
            return Row.rate(name, m.node(), "deliveries/s", m.raw());
        }
    }

    private final class Hub implements AutoCloseable {
        private final P2pNode hub;
        private final List<P2pNode> nodes = new ArrayList<>();
        private final AtomicLong[] received;
        private final AtomicLong total = new AtomicLong();
        private volatile long target = Long.MAX_VALUE;
        private volatile CountDownLatch done = new CountDownLatch(0);
        private final byte[] body = new byte[bodyBytes];

        Hub() throws Exception {
            hub = BenchNodes.start("tcp");
            received = new AtomicLong[peers];
            for (int i = 0; i < peers; i++) {
                P2pNode n = BenchNodes.start("tcp");
                nodes.add(n);
                AtomicLong mine = new AtomicLong();
                received[i] = mine;
                n.subscribe(BenchMessages.BLOB, (from, m) -> {
                    mine.incrementAndGet();
                    if (total.incrementAndGet() == target) {
                        done.countDown();
                    }
                });
                BenchNodes.connect(hub, n);
            }
        }

        private long slowest() {
            long min = Long.MAX_VALUE;
            for (AtomicLong r : received) {
                min = Math.min(min, r.get());
            }
            return min;
        }

        /**
         * Broadcasts {@code n} messages, never more than a window ahead of the slowest peer (what an
         * application does when it does not want the node to skip a full peer); a peer skipped anyway
         * is subtracted from what is awaited, so a skip cannot hang the run (and lowers the figure).
         */
        double run(long n, boolean reportSkips) throws Exception {
            for (AtomicLong r : received) {
                r.set(0);
            }
            total.set(0);
            long window = Math.max(2, WINDOW_BYTES / (bodyBytes + 8));
            long skipped = 0;
            long start = System.nanoTime();
            for (long i = 0; i < n; i++) {
                while (i - slowest() >= window) {
                    LockSupport.parkNanos(20_000);
                }
                skipped += peers - hub.broadcast(BenchMessages.BLOB, body);
            }
            long expected = n * peers - skipped;
            CountDownLatch latch = new CountDownLatch(1);
            done = latch;
            target = expected;
            if (total.get() >= expected) {
                latch.countDown();
            }
            ThroughputScenario.await(latch, total::get, expected);
            if (skipped > 0 && reportSkips) {
                System.out.printf("  %s: the node skipped %d of %d deliveries (queue full)%n", name, skipped, n * peers);
            }
            return expected / ThroughputScenario.seconds(start);
        }

        @Override
        public void close() {
            List<P2pNode> all = new ArrayList<>(nodes);
            all.add(hub);
            BenchNodes.stopAll(all);
        }
    }
}
