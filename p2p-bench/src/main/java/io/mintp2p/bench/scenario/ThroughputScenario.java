package io.mintp2p.bench.scenario;

import io.mintp2p.bench.node.BenchMessages;
import io.mintp2p.bench.node.BenchNodes;
import io.mintp2p.bench.raw.BatchSender;
import io.mintp2p.bench.raw.FrameCounter;
import io.mintp2p.bench.raw.RawLink;
import io.mintp2p.bench.raw.RawNetty;
import io.mintp2p.bench.raw.RawSecurity;
import io.mintp2p.bench.report.Row;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.node.SendRefusedException;
import io.mintp2p.core.node.SendResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One-way messages per second over one connection: {@code P2pNode.trySend} (or, in {@link Mode#SEND_FUTURES},
 * {@code P2pNode.send}) of a {@link BenchMessages#STREAM} (a byte string the receiver gets as a view of the
 * frame) to a subscribed peer, against raw Netty sending frames of the same size with {@link BatchSender}
 * (the node's frame payload size, so both put the same bytes on the wire). Counted when the receiver has them.
 * Over tls the baseline runs under mutual TLS 1.3 ({@code RawTls}); over noise under its own Noise XX layer
 * with Mintlayer's records ({@code RawNoise}: frames batched into records of up to 65 519 bytes, one flush per batch).
 */
public final class ThroughputScenario {
    /** How the node side sends. */
    public enum Mode {
        /** {@code trySend} until QUEUE_FULL, then {@code whenWritable}: the streaming path. */
        TRY_SEND,
        /**
         * {@code send} with a window of {@link #WINDOW} outstanding futures, as a new user writes it: a
         * refused future ({@code SendRefusedException} with QUEUE_FULL) means wait for {@code whenWritable}
         * and send that message again.
         */
        SEND_FUTURES
    }

    /** Outstanding send futures in {@link Mode#SEND_FUTURES} (issue #25: a window of 4 096). */
    static final int WINDOW = 4096;

    private final Mode mode;
    private final String scheme;
    private final int bodyBytes;
    private final long messages;
    private final int rounds;
    private final String name;

    /** {@code messages} per node round; the baseline, 10-20x faster, gets 4x as many so its rounds are not too short. */
    public ThroughputScenario(String name, String scheme, int bodyBytes, long messages, int rounds) {
        this(name, scheme, bodyBytes, messages, rounds, Mode.TRY_SEND);
    }

    public ThroughputScenario(String name, String scheme, int bodyBytes, long messages, int rounds, Mode mode) {
        this.mode = mode;
        this.name = name;
        this.scheme = scheme;
        this.bodyBytes = bodyBytes;
        this.messages = messages;
        this.rounds = rounds;
    }

    public Row run() throws Exception {
        int payload = BenchMessages.wirePayloadBytes(BenchMessages.BLOB, bodyBytes);
        Optional<RawSecurity> security = RawSecurity.forScheme(scheme);
        FrameCounter counter = new FrameCounter();
        BatchSender sender = new BatchSender();
        byte[] rawPayload = new byte[payload];
        try (RawLink raw = new RawLink(1, security, () -> counter, () -> sender);
             NodePair node = new NodePair(scheme, bodyBytes)) {
            Rounds.Medians m = Rounds.alternate(rounds, warm -> {
                long n = messages * 4;
                CountDownLatch done = counter.expect(n);
                long start = System.nanoTime();
                sender.start(List.of(raw.client()), () -> RawNetty.frame(ByteBufAllocator.DEFAULT, rawPayload), n);
                await(done, counter::frames, n);
                return n / seconds(start);
            }, warm -> mode == Mode.TRY_SEND ? node.run(warm ? messages / 4 : messages)
                    : node.runWithFutures(warm ? messages / 4 : messages));
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

        /**
         * The application's loop with {@code send} futures: at most {@link #WINDOW} outstanding (the oldest
         * is waited for before another goes out); a refused send is QUEUE_FULL, waited out with
         * {@code whenWritable}, and that message is sent again.
         */
        double runWithFutures(long n) throws Exception {
            received.set(0);
            CountDownLatch latch = new CountDownLatch(1);
            done = latch;
            target = n;
            ArrayDeque<CompletableFuture<Void>> window = new ArrayDeque<>(WINDOW);
            long start = System.nanoTime();
            for (long i = 0; i < n; ) {
                if (window.size() == WINDOW) {
                    window.removeFirst().get(60, TimeUnit.SECONDS);
                }
                CompletableFuture<Void> sent = sender.send(peer.id(), BenchMessages.STREAM, body);
                if (!sent.isCompletedExceptionally()) {
                    window.addLast(sent);
                    i++;
                    continue;
                }
                Throwable refused = sent.handle((v, e) -> e.getCause()).join();
                if (refused instanceof SendRefusedException r && r.outcome() == SendResult.QUEUE_FULL) {
                    sender.whenWritable(peer.id()).get(60, TimeUnit.SECONDS);
                } else {
                    throw new IllegalStateException("send refused: " + refused);
                }
            }
            for (CompletableFuture<Void> f : window) {
                f.get(60, TimeUnit.SECONDS);
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
