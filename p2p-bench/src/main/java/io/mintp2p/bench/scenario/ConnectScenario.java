package io.mintp2p.bench.scenario;

import io.mintp2p.bench.node.BenchNodes;
import io.mintp2p.bench.raw.Echo;
import io.mintp2p.bench.raw.RawNetty;
import io.mintp2p.bench.raw.RawSecurity;
import io.mintp2p.bench.raw.Signal;
import io.mintp2p.bench.report.Row;
import io.mintp2p.bench.report.Stats;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.peers.PeerId;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sequential connection set-up until both sides know the peer, in milliseconds.
 * <ul>
 *   <li>tcp: {@code P2pNode.connect} (TCP connect + Hello/HelloAck) until the dialer's future and the
 *   listener's {@code Connected} event, against raw Netty's TCP connect plus one round trip of a
 *   frame (what a handshake needs at the least; the target allows 2x).</li>
 *   <li>tls: the same over the tls transport, against raw Netty's mutual TLS 1.3 handshake until
 *   both {@code SslHandler}s report it done (the target allows 1.3x).</li>
 *   <li>noise: the same over the noise transport (Noise XX, then Hello/HelloAck inside), against raw
 *   Netty's own Noise XX handshake with the same primitives ({@code RawNoise}) until both sides have split
 *   their ciphers.</li>
 * </ul>
 * Each connection is closed by the listening side (and its close awaited on both) before the next
 * one, so the sockets left in TIME_WAIT are the listener's and the dialer's ephemeral ports stay free
 * through the tens of thousands of connects of a warm-up. Both sides warm up together
 * ({@link Rounds#warmUpTogether}).
 */
public final class ConnectScenario {
    private final String scheme;
    private final int count;
    private final int rounds;
    private final double warmUpSeconds;
    /** Connects of one side in a row within a measured round. */
    private static final int BLOCK = 20;

    public ConnectScenario(String scheme, int count, int rounds, double warmUpSeconds) {
        this.scheme = scheme;
        this.count = count;
        this.rounds = rounds;
        this.warmUpSeconds = warmUpSeconds;
    }

    public Row run() throws Exception {
        try (RawConnector raw = new RawConnector(RawSecurity.forScheme(scheme));
             NodeConnector node = new NodeConnector(scheme)) {
            Rounds.warmUpTogether(warm -> median(raw::once, count / 2), warm -> median(node::once, count / 2), warmUpSeconds);
            double[] rawRounds = new double[rounds];
            double[] nodeRounds = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                double[][] ms = interleaved(raw, node);
                rawRounds[i] = Stats.median(ms[0]);
                nodeRounds[i] = Stats.median(ms[1]);
            }
            Rounds.show("raw ", rawRounds);
            Rounds.show("node", nodeRounds);
            return Row.cost("connect." + scheme, Stats.median(nodeRounds), "ms", Stats.median(rawRounds));
        }
    }

    /**
     * One measured round: {@code count} connects of each side, in milliseconds, taken in alternating
     * blocks of {@link #BLOCK}. The machine flips between two states mid-run (see
     * {@link Rounds#warmUpTogether}) and a connect costs twice as much in the second: whole rounds of
     * one side after the other let a flip fall between them, and a quick run once compared raw rounds
     * of the first state (0.040 ms) with node rounds of the second (0.158 ms). Taking the sides in turn
     * one connect at a time weakened the baseline instead: each raw connect then ran after the node's
     * (raw 0.09 -> 0.115 ms, raw TLS 0.75 -> 0.84 ms, the node's unchanged); in a block only the first
     * connect does, which the median ignores.
     */
    private double[][] interleaved(RawConnector raw, NodeConnector node) throws Exception {
        double[][] ms = new double[2][count];
        for (int from = 0; from < count; from += BLOCK) {
            int to = Math.min(count, from + BLOCK);
            for (int i = from; i < to; i++) {
                ms[0][i] = raw.once() / 1e6;
            }
            for (int i = from; i < to; i++) {
                ms[1][i] = node.once() / 1e6;
            }
        }
        return ms;
    }

    @FunctionalInterface
    private interface Attempt {
        /** One connection set-up; returns its duration in nanoseconds (teardown not included). */
        long once() throws Exception;
    }

    private static double median(Attempt a, int n) throws Exception {
        double[] ms = new double[Math.max(1, n)];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = a.once() / 1e6;
        }
        return Stats.median(ms);
    }

    /** The baseline: one event-loop thread per side, frame decoder, echo (tcp) or a security layer's handshake (tls, noise). */
    private static final class RawConnector implements AutoCloseable {
        private final EventLoopGroup serverGroup = RawNetty.oneThread("raw-accept");
        private final EventLoopGroup clientGroup = RawNetty.oneThread("raw-dial");
        private final Optional<RawSecurity> security;
        private final Channel server;
        private final Bootstrap dialer;
        private final Signal signal = new Signal();
        private volatile CountDownLatch serverReady = new CountDownLatch(1);
        private volatile CountDownLatch serverClosed = new CountDownLatch(1);
        private volatile Channel accepted;

        RawConnector(Optional<RawSecurity> security) throws Exception {
            this.security = security;
            server = RawNetty.listen(serverGroup, ch -> {
                CountDownLatch ready = serverReady;
                CountDownLatch closed = serverClosed;
                accepted = ch;
                ch.closeFuture().addListener(f -> closed.countDown());
                if (security.isPresent()) {
                    security.get().server(ch);
                    security.get().handshake(ch).thenRun(ready::countDown);
                }
                ch.pipeline().addLast(RawNetty.frameDecoder(), new Echo());
            });
            dialer = RawNetty.dialer(clientGroup, ch -> {
                security.ifPresent(sec -> sec.client(ch));
                ch.pipeline().addLast(RawNetty.frameDecoder(), signal);
                if (security.isEmpty()) {
                    ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelActive(ChannelHandlerContext ctx) {
                            // The round trip a handshake needs: a Hello-sized frame out, the echo back.
                            ctx.writeAndFlush(RawNetty.frame(ctx.alloc(), new byte[64]), ctx.voidPromise());
                            ctx.fireChannelActive();
                        }
                    });
                }
            });
        }

        long once() throws Exception {
            serverReady = new CountDownLatch(1);
            serverClosed = new CountDownLatch(1);
            CountDownLatch echoed = signal.arm();
            long start = System.nanoTime();
            Channel ch = dialer.connect(server.localAddress()).sync().channel();
            if (security.isPresent()) {
                try {
                    security.get().handshake(ch).get(10, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException("baseline handshake failed or did not complete", e);
                }
                await(serverReady, "server side of the handshake");
            } else {
                await(echoed, "echo of the first frame");
            }
            long took = System.nanoTime() - start;
            accepted.close().sync();
            await(serverClosed, "server side close");
            ch.closeFuture().await(10, TimeUnit.SECONDS);
            return took;
        }

        @Override
        public void close() {
            server.close().syncUninterruptibly();
            clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Two nodes; the dialer connects, then disconnects and waits until both sides saw it go. */
    private static final class NodeConnector implements AutoCloseable {
        private final P2pNode listener;
        private final P2pNode dialer;
        private volatile CountDownLatch accepted = new CountDownLatch(1);
        private volatile PeerId acceptedPeer;
        private volatile CountDownLatch gone = new CountDownLatch(2);

        NodeConnector(String scheme) {
            listener = BenchNodes.start(scheme);
            dialer = BenchNodes.start(scheme);
            listener.onPeerEvent(e -> {
                if (e instanceof PeerEvent.Connected c) {
                    acceptedPeer = c.peer();
                    accepted.countDown();
                } else if (e instanceof PeerEvent.Disconnected) {
                    gone.countDown();
                }
            });
            dialer.onPeerEvent(e -> {
                if (e instanceof PeerEvent.Disconnected) {
                    gone.countDown();
                }
            });
        }

        long once() throws Exception {
            CountDownLatch in = new CountDownLatch(1);
            CountDownLatch out = new CountDownLatch(2);
            accepted = in;
            gone = out;
            long start = System.nanoTime();
            dialer.connect(listener.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
            await(in, "listener's Connected event");
            long took = System.nanoTime() - start;
            listener.disconnect(acceptedPeer, "bench");
            await(out, "both Disconnected events");
            return took;
        }

        @Override
        public void close() {
            BenchNodes.stopAll(List.of(dialer, listener));
        }
    }

    private static void await(CountDownLatch l, String what) throws InterruptedException {
        if (!l.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("timed out waiting for the " + what);
        }
    }
}
