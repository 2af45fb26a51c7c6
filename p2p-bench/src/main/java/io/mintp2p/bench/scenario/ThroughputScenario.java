package io.mintp2p.bench.scenario;

import io.mintp2p.bench.node.BenchMessages;
import io.mintp2p.bench.node.BenchNodes;
import io.mintp2p.bench.raw.BatchSender;
import io.mintp2p.bench.raw.FrameCounter;
import io.mintp2p.bench.raw.RawLink;
import io.mintp2p.bench.raw.RawNetty;
import io.mintp2p.bench.raw.RawTls;
import io.mintp2p.bench.report.Row;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.node.SendResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One-way messages per second over one connection: {@code P2pNode.trySend} of a
 * {@link BenchMessages#STREAM} (a byte string the receiver gets as a view of the frame) to a subscribed peer,
 * against raw Netty sending frames of the same size with {@link BatchSender} (the node's frame
 * payload size, so both put the same bytes on the wire). Counted when the receiver has them.
 */
public final class ThroughputScenario {
    private final String scheme;
    private final int bodyBytes;
    private final long messages;
    private final int rounds;
    private final String name;

    /** {@code messages} per node round; the baseline, 10-20x faster, gets 4x as many so its rounds are not too short. */
    public ThroughputScenario(String name, String scheme, int bodyBytes, long messages, int rounds) {
        this.name = name;
        this.scheme = scheme;
        this.bodyBytes = bodyBytes;
        this.messages = messages;
        this.rounds = rounds;
    }

    public Row run() throws Exception {
        int payload = BenchMessages.wirePayloadBytes(BenchMessages.BLOB, bodyBytes);
        Optional<RawTls> tls = scheme.equals("tls") ? Optional.of(new RawTls()) : Optional.empty();
        FrameCounter counter = new FrameCounter();
        BatchSender sender = new BatchSender();
        byte[] rawPayload = new byte[payload];
        try (RawLink raw = new RawLink(1, tls, () -> counter, () -> sender);
             NodePair node = new NodePair(scheme, bodyBytes)) {
            Rounds.Medians m = Rounds.alternate(rounds, warm -> {
                long n = messages * 4;
                CountDownLatch done = counter.expect(n);
                long start = System.nanoTime();
                sender.start(List.of(raw.client()), () -> RawNetty.frame(ByteBufAllocator.DEFAULT, rawPayload), n);
                await(done, counter::frames, n);
                return n / seconds(start);
            }, warm -> node.run(warm ? messages / 4 : messages));
            return Row.rate(name, m.node(), "msg/s", m.raw());
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static void await(CountDownLatch done, java.util.function.LongSupplier got, long expected) throws InterruptedException {
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + got.getAsLong() + " of " + expected + " messages arrived");
        }
    }

    /** Two nodes, the sender connected to the receiver, the receiver subscribed to STREAM. */
    private static final class NodePair implements AutoCloseable {
        private final P2pNode receiver;
        private final P2pNode sender;
        private final PeerSnapshot peer;
        private final ByteBuf body;
        private final AtomicLong received = new AtomicLong();
        private volatile long target = Long.MAX_VALUE;
        private volatile CountDownLatch done = new CountDownLatch(0);

        NodePair(String scheme, int bodyBytes) throws Exception {
            receiver = BenchNodes.start(scheme);
            sender = BenchNodes.start(scheme);
            peer = BenchNodes.connect(sender, receiver);
            body = Unpooled.wrappedBuffer(new byte[bodyBytes]);
            receiver.subscribe(BenchMessages.STREAM, (from, m) -> {
                if (received.incrementAndGet() == target) {
                    done.countDown();
                }
            });
        }

        /**
         * The application's loop, as a node builder streams messages: {@code trySend} until the peer's
         * queue is full, then wait until it is writable again (raw Netty's sender does the same with
         * channel writability).
         */
        double run(long n) throws Exception {
            received.set(0);
            CountDownLatch latch = new CountDownLatch(1);
            done = latch;
            target = n;
            long start = System.nanoTime();
            for (long i = 0; i < n; ) {
                SendResult r = sender.trySend(peer.id(), BenchMessages.STREAM, body);
                if (r.isQueued()) {
                    i++;
                } else if (r == SendResult.QUEUE_FULL) {
                    sender.whenWritable(peer.id()).get(60, TimeUnit.SECONDS);
                } else {
                    throw new IllegalStateException("send refused: " + r);
                }
            }
            await(latch, received::get, n);
            return n / seconds(start);
        }

        @Override
        public void close() {
            BenchNodes.stopAll(List.of(sender, receiver));
        }
    }
}
