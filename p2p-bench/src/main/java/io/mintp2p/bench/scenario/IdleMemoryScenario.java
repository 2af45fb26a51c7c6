package io.mintp2p.bench.scenario;

import io.mintp2p.bench.node.BenchNodes;
import io.mintp2p.bench.raw.Echo;
import io.mintp2p.bench.raw.RawNetty;
import io.mintp2p.bench.report.Row;
import io.mintp2p.bench.swarm.PeerSwarm;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerEvent;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Memory held per idle peer on one node: heap + direct after GC with all {@code peers} connections
 * handshaken and idle, minus the same with half of them, divided by the other half. The slope between
 * two peer counts, not (with peers - before) / peers: what the first connections cost once (the
 * allocator's chunks for the event loops that read a Hello, 1.25 MiB of "direct" at any peer count;
 * code first run) is not a cost per peer, and dividing it by the peer count made the figure depend
 * on the count (BENCHMARKS.md). Both sides are measured the same way. The far ends live in child JVMs
 * ({@link PeerSwarm}, one per half), so only the measured side counts. The baseline is a raw Netty
 * server (one event loop, frame decoder + echo handler per channel) with as many idle connections,
 * each of which has read one frame (the swarm's Hello) and answered it: a node's peer has read its
 * Hello too, and a channel that never read holds none of Netty's read-side state (~180 B).
 */
public final class IdleMemoryScenario {
    private final int wanted;

    public IdleMemoryScenario(int peers) {
        this.wanted = peers;
    }

    public List<Row> run() throws Exception {
        long fdLimit = openFileLimit();
        // Each side of a loopback connection is one descriptor in its own process; keep room for jars and epoll.
        int peers = (int) Math.min(wanted, Math.max(100, fdLimit - 500));
        String prefix = "memory.idle_peer";
        System.out.printf("  idle peers: %d (open-file limit %d per process; the harness cannot raise it, ulimit -n does)%n",
                peers, fdLimit);
        MemoryMeter.Reading raw = rawPerPeer(peers);
        MemoryMeter.Reading node = nodePerPeer(peers);
        List<Row> rows = new ArrayList<>();
        rows.add(Row.cost(prefix, node.heap() + node.direct(), "B/peer", raw.heap() + raw.direct()));
        rows.add(part(prefix + ".heap", node.heap(), raw.heap()));
        rows.add(part(prefix + ".direct", node.direct(), raw.direct()));
        return rows;
    }

    private static Row part(String name, double value, double baseline) {
        return new Row(name, value, "B/peer", OptionalDouble.of(baseline),
                value > 0 && baseline > 0 ? OptionalDouble.of(baseline / value) : OptionalDouble.empty());
    }

    private static MemoryMeter.Reading rawPerPeer(int peers) throws Exception {
        EventLoopGroup group = RawNetty.oneThread("raw-idle");
        AtomicInteger accepted = new AtomicInteger();
        Echo echo = new Echo(); // sharable: one for every channel, as a raw server at its best would
        Channel server = RawNetty.listen(group, ch -> {
            ch.pipeline().addLast(RawNetty.frameDecoder(), echo);
            accepted.incrementAndGet();
        });
        try {
            return slope("raw", "raw", (InetSocketAddress) server.localAddress(), peers,
                    n -> waitFor(() -> accepted.get() >= n, "raw server to accept every connection"));
        } finally {
            server.close().syncUninterruptibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static MemoryMeter.Reading nodePerPeer(int peers) throws Exception {
        P2pNode hub = BenchNodes.start("tcp", b -> b.maxInbound(peers + 16).maxPendingInbound(1000).maxPendingPerHost(1000));
        AtomicInteger connected = new AtomicInteger();
        hub.onPeerEvent(e -> {
            if (e instanceof PeerEvent.Connected) {
                connected.incrementAndGet();
            } else if (e instanceof PeerEvent.Disconnected) {
                connected.decrementAndGet();
            }
        });
        try {
            var address = hub.listenAddresses().get(0);
            return slope("node", "hello", new InetSocketAddress(address.host(), address.port()), peers,
                    n -> waitFor(() -> connected.get() >= n, "node to report every peer"));
        } finally {
            BenchNodes.stopAll(List.of(hub));
        }
    }

    /** Waits until the measured side holds {@code n} peers. */
    private interface Holding {
        void await(int n) throws InterruptedException;
    }

    /**
     * Memory per peer between half the peers and all of them; prints what the first half cost beyond
     * that rate (the fixed part the slope leaves out), so it stays visible.
     */
    private static MemoryMeter.Reading slope(String side, String mode, InetSocketAddress target, int peers,
                                             Holding holding) throws Exception {
        int half = peers / 2;
        MemoryMeter.Reading before = MemoryMeter.settle();
        Swarm first = new Swarm(mode, target, half);
        try {
            holding.await(half);
            MemoryMeter.Reading atHalf = MemoryMeter.settle();
            Swarm second = new Swarm(mode, target, peers - half);
            try {
                holding.await(peers);
                MemoryMeter.Reading atAll = MemoryMeter.settle();
                int added = peers - half;
                MemoryMeter.Reading perPeer = new MemoryMeter.Reading((atAll.heap() - atHalf.heap()) / added,
                        (atAll.direct() - atHalf.direct()) / added);
                System.out.printf("  %s: %d B heap + %d B direct per peer from %d to %d peers; the first %d cost"
                                + " %d B heap + %d B direct beyond that once%n", side, perPeer.heap(), perPeer.direct(),
                        half, peers, half, atHalf.heap() - before.heap() - half * perPeer.heap(),
                        atHalf.direct() - before.direct() - half * perPeer.direct());
                return perPeer;
            } finally {
                second.stop();
            }
        } finally {
            first.stop();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for the " + what);
            }
            Thread.sleep(20);
        }
    }

    /** The soft limit of open files of this process, from /proc (Long.MAX_VALUE if unknown or unlimited). */
    static long openFileLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
        }
        return Long.MAX_VALUE;
    }

    /** The child JVM holding the far ends; {@link #stop()} closes its stdin, and it exits. */
    private static final class Swarm {
        private final Process process;

        Swarm(String mode, InetSocketAddress target, int peers) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    PeerSwarm.class.getName(), mode, target.getHostString(), Integer.toString(target.getPort()),
                    Integer.toString(peers))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("READY ")) {
                process.destroy();
                throw new IllegalStateException("peer swarm failed to start: " + line);
            }
            int open = Integer.parseInt(line.substring(6).trim());
            if (open != peers) {
                process.destroy();
                throw new IllegalStateException("peer swarm holds " + open + " of " + peers + " connections");
            }
        }

        void stop() throws IOException, InterruptedException {
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
