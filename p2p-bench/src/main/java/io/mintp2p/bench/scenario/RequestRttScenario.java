package io.mintp2p.bench.scenario;

import io.mintp2p.bench.node.BenchMessages;
import io.mintp2p.bench.node.BenchNodes;
import io.mintp2p.bench.raw.Correlator;
import io.mintp2p.bench.raw.Echo;
import io.mintp2p.bench.raw.RawLink;
import io.mintp2p.bench.raw.RawNetty;
import io.mintp2p.bench.report.Row;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.node.RequestHandler;
import io.mintp2p.core.wire.ScaleWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Correlated request/response round trip of a 16-byte body through the node's request API:
 * {@code request(peer, ECHO, body, timeout)} awaited on the application's thread, answered by the
 * peer's {@code serve(ECHO, ...)} handler. The baseline is raw Netty doing the same job at its best: a
 * request id in the frame, a map of pending futures completed on the event loop, the server echoing on
 * its event loop; both send payloads of the same size. Rows: {@code rtt.request.tcp} with the default
 * handler pool (the server's handler runs on a pool thread) and {@code rtt.request.tcp.inline} with
 * handlers on the I/O thread. The requester's answer needs no hand-off in either: the node completes a
 * response's future where it decodes the frame.
 */
public final class RequestRttScenario {
    private static final int BODY = 16;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final int count;
    private final int rounds;

    public RequestRttScenario(int count, int rounds) {
        this.count = count;
        this.rounds = rounds;
    }

    public List<Row> run() throws Exception {
        List<Row> rows = new ArrayList<>(measure("rtt.request.tcp", m -> m));
        rows.addAll(measure("rtt.request.tcp.inline", m -> m.withHandlerExecutor(Runnable::run)));
        return rows;
    }

    private List<Row> measure(String name, UnaryOperator<P2pModule> module) throws Exception {
        byte[] rawPayload = new byte[requestWireBytes()];
        Correlator correlator = new Correlator();
        try (RawLink raw = new RawLink(1, Optional.empty(), Echo::new, () -> correlator);
             NodePair node = new NodePair(module)) {
            RoundTripSides sides = new RoundTripSides(count, rounds);
            Channel ch = raw.client();
            RoundTripSides.Side rawSide = sides.add(name + " raw ", () -> {
                CompletableFuture<Void> answer = correlator.register(rawPayload);
                ch.writeAndFlush(RawNetty.frame(ByteBufAllocator.DEFAULT, rawPayload), ch.voidPromise());
                RoundTripSides.awaitAnswer(answer);
            });
            RoundTripSides.Side nodeSide = sides.add(name + " node", node::once);
            sides.run();
            return RoundTripSides.rows(name, nodeSide, rawSide);
        }
    }

    /** The node's request payload: index byte, u32 id, then the body as SCALE {@code Vec<u8>}. */
    private static int requestWireBytes() {
        ByteBuf body = Unpooled.buffer();
        new ScaleWriter(body).bytes(new byte[BODY]);
        int bytes = 1 + 4 + body.readableBytes();
        body.release();
        return bytes;
    }

    private static final class NodePair implements AutoCloseable {
        private final P2pNode client;
        private final P2pNode server;
        private final PeerSnapshot peer;
        private final byte[] body = new byte[BODY];

        NodePair(UnaryOperator<P2pModule> module) throws Exception {
            server = BenchNodes.start("tcp", b -> b, module);
            client = BenchNodes.start("tcp", b -> b, module);
            server.serve(BenchMessages.ECHO, RequestHandler.answering((from, q) -> q));
            peer = BenchNodes.connect(client, server);
        }

        void once() throws Exception {
            RoundTripSides.awaitAnswer(client.request(peer.id(), BenchMessages.ECHO, body, TIMEOUT));
        }

        @Override
        public void close() {
            BenchNodes.stopAll(List.of(client, server));
        }
    }
}
