package io.mintp2p.bench.scenario;

import io.mintp2p.bench.node.BenchMessages;
import io.mintp2p.bench.node.BenchNodes;
import io.mintp2p.bench.raw.Echo;
import io.mintp2p.bench.raw.RawLink;
import io.mintp2p.bench.raw.RawNetty;
import io.mintp2p.bench.raw.Signal;
import io.mintp2p.bench.report.Row;
import io.mintp2p.bench.report.Stats;
import io.mintp2p.core.node.MessageHandlerExecutor;
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
import java.util.concurrent.ExecutorService;
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
 *
 * <p>Beside the default set-up, a third side: the same raw echo with the hand-offs of the default
 * pool ({@link MessageHandlerExecutor#defaultPool()}, one per side as each node has its own): the
 * echo is written from a pool thread, and the answer opens the application's latch from one.
 * {@code rtt.tcp.raw_pool_floor.median} is its ratio to raw: the best a node could reach with that
 * pool, its own work aside.
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
        List<Row> rows = new ArrayList<>(measure("rtt.tcp", m -> m, true));
        rows.addAll(measure("rtt.tcp.inline", m -> m.withHandlerExecutor(Runnable::run), false));
        return rows;
    }

    /**
     * @param withPoolFloor also time raw Netty with the default handler pool's hand-offs
     *                      ({@code .raw_pool_floor}): what a node with that pool would take if its
     *                      own work cost nothing, so the distance left to raw that is the pool's
     */
    private List<Row> measure(String name, UnaryOperator<P2pModule> module, boolean withPoolFloor) throws Exception {
        int payload = BenchMessages.wirePayloadBytes(BenchMessages.REQUEST, BODY);
        byte[] rawPayload = new byte[payload];
        Signal signal = new Signal();
        try (RawLink raw = new RawLink(1, Optional.empty(), Echo::new, () -> signal);
             PoolFloor floor = withPoolFloor ? new PoolFloor() : null;
             NodePair node = new NodePair(module)) {
            RoundTripSides sides = new RoundTripSides(count, rounds);
            RoundTripSides.Side rawSide = sides.add(name + " raw ", echoOf(raw.client(), signal, rawPayload));
            RoundTripSides.Side floorSide = floor == null ? null
                    : sides.add(name + " raw with pool hand-offs", echoOf(floor.link.client(), floor.signal, rawPayload));
            RoundTripSides.Side nodeSide = sides.add(name + " node", node::once);
            sides.run();
            List<Row> rows = new ArrayList<>(RoundTripSides.rows(name, nodeSide, rawSide));
            if (floorSide != null) {
                rows.add(Row.cost(name + ".raw_pool_floor.median", floorSide.median(), "us", rawSide.median()));
            }
            return rows;
        }
    }

    /**
     * The raw echo through the node's default handler pool, one pool per side as each node has its
     * own: the server's echo is written from a pool thread, the client's answer is signalled from one.
     */
    private static final class PoolFloor implements AutoCloseable {
        // The default pool is a ThreadPoolExecutor the node would own and shut down; here we do.
        private final ExecutorService serverPool = (ExecutorService) MessageHandlerExecutor.defaultPool().executor();
        private final ExecutorService clientPool = (ExecutorService) MessageHandlerExecutor.defaultPool().executor();
        private final Signal signal = new Signal(clientPool);
        private final RawLink link;

        PoolFloor() throws Exception {
            link = new RawLink(1, Optional.empty(), () -> new Echo(serverPool), () -> signal);
        }

        @Override
        public void close() {
            link.close();
            serverPool.shutdown();
            clientPool.shutdown();
        }
    }

    /** The baseline's round trip: a frame written from the application thread, its echo awaited. */
    private static RoundTripSides.Sampler echoOf(Channel ch, Signal signal, byte[] payload) {
        return () -> {
            CountDownLatch back = signal.arm();
            ch.writeAndFlush(RawNetty.frame(ByteBufAllocator.DEFAULT, payload), ch.voidPromise());
            RoundTripSides.awaitAnswer(back);
        };
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
            RoundTripSides.awaitAnswer(l);
        }

        @Override
        public void close() {
            BenchNodes.stopAll(List.of(client, server));
        }
    }
}
