package io.mintp2p.bench.scenario;

import io.mintp2p.bench.node.BenchMessages;
import io.mintp2p.bench.node.BenchNodes;
import io.mintp2p.bench.raw.Echo;
import io.mintp2p.bench.raw.RawLink;
import io.mintp2p.bench.raw.RawNetty;
import io.mintp2p.bench.raw.Signal;
import io.mintp2p.bench.report.Row;
import io.mintp2p.bench.report.Stats;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.node.SendResult;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Request/response round trip of a 16-byte body, started from and finished on the application's
 * thread: the node's {@code trySend} of a REQUEST, answered by the peer's subscriber with a RESPONSE
 * through its own {@code trySend}; the baseline writes a frame from the application thread and the
 * server's event loop echoes it. Median and 99th percentile, each the median of the rounds.
 *
 * <p>Two node set-ups, each against the same baseline: the default one (handlers on the node's
 * handler pool: a hand-over to a pool thread and back to the I/O thread on each side), and
 * {@code .inline}, handlers on the I/O thread ({@code P2pModule.withHandlerExecutor(Runnable::run)}),
 * the choice a node builder with handlers that never block can make, and the way the raw echo runs.
 */
public final class RttScenario {
    private static final int BODY = 16;
    private final int count;
    private final int rounds;

    public RttScenario(int count, int rounds) {
        this.count = count;
        this.rounds = rounds;
    }

    public List<Row> run() throws Exception {
        List<Row> rows = new ArrayList<>(measure("rtt.tcp", m -> m));
        rows.addAll(measure("rtt.tcp.inline", m -> m.withHandlerExecutor(Runnable::run)));
        return rows;
    }

    private List<Row> measure(String name, UnaryOperator<P2pModule> module) throws Exception {
        int payload = BenchMessages.wirePayloadBytes(BenchMessages.REQUEST, BODY);
        byte[] rawPayload = new byte[payload];
        Signal signal = new Signal();
        double[] rawMedian = new double[rounds];
        double[] rawP99 = new double[rounds];
        double[] nodeMedian = new double[rounds];
        double[] nodeP99 = new double[rounds];
        try (RawLink raw = new RawLink(1, Optional.empty(), Echo::new, () -> signal);
             NodePair node = new NodePair(module)) {
            Channel ch = raw.client();
            Sampler rawSampler = () -> {
                CountDownLatch back = signal.arm();
                ch.writeAndFlush(RawNetty.frame(ByteBufAllocator.DEFAULT, rawPayload), ch.voidPromise());
                awaitAnswer(back);
            };
            Rounds.warmUp(name + " raw ", warm -> Stats.median(sample(rawSampler, count / 4)));
            Rounds.warmUp(name + " node", warm -> Stats.median(sample(node::once, count / 4)));
            for (int r = 0; r < rounds; r++) {
                double[] a = sample(rawSampler, count);
                rawMedian[r] = Stats.median(a);
                rawP99[r] = Stats.percentile(a, 99);
                double[] b = sample(node::once, count);
                nodeMedian[r] = Stats.median(b);
                nodeP99[r] = Stats.percentile(b, 99);
            }
        }
        Rounds.show(name + " raw  median", rawMedian);
        Rounds.show(name + " node median", nodeMedian);
        return List.of(Row.cost(name + ".median", Stats.median(nodeMedian), "us", Stats.median(rawMedian)),
                Row.cost(name + ".p99", Stats.median(nodeP99), "us", Stats.median(rawP99)));
    }

    @FunctionalInterface
    private interface Sampler {
        void once() throws Exception;
    }

    /** Microseconds per round trip. */
    private static double[] sample(Sampler s, int n) throws Exception {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            s.once();
            out[i] = (System.nanoTime() - start) / 1e3;
        }
        return out;
    }

    private static void awaitAnswer(CountDownLatch back) throws InterruptedException {
        if (!back.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no answer within 10 s");
        }
    }

    private static final class NodePair implements AutoCloseable {
        private final P2pNode client;
        private final P2pNode server;
        private final PeerSnapshot peer;
        private final byte[] body = new byte[BODY];
        private volatile CountDownLatch back = new CountDownLatch(1);

        NodePair(UnaryOperator<P2pModule> module) throws Exception {
            server = BenchNodes.start("tcp", b -> b, module);
            client = BenchNodes.start("tcp", b -> b, module);
            server.subscribe(BenchMessages.REQUEST, (from, m) -> server.trySend(from.id(), BenchMessages.RESPONSE, m));
            client.subscribe(BenchMessages.RESPONSE, (from, m) -> back.countDown());
            peer = BenchNodes.connect(client, server);
        }

        void once() throws Exception {
            CountDownLatch l = new CountDownLatch(1);
            back = l;
            SendResult sent = client.trySend(peer.id(), BenchMessages.REQUEST, body);
            if (!sent.isQueued()) {
                throw new IllegalStateException("request not sent: " + sent);
            }
            awaitAnswer(l);
        }

        @Override
        public void close() {
            BenchNodes.stopAll(List.of(client, server));
        }
    }
}
