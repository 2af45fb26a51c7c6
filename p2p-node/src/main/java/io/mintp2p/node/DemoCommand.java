package io.mintp2p.node;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.TransportAddress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: a small network on loopback that discovers itself and gossips, then shuts down. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Starts a few nodes on loopback from one boot node, shows them discover each other and "
                + "gossip messages across hops, then stops them. Exits 0 when every node reached its outbound "
                + "target and got every message.",
        footer = {"", "Examples:", "  demo", "  demo --nodes 8 --transport tls", "  demo --transport tcp"})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--nodes", defaultValue = "5", description = "Number of nodes, 2-20 (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--transport", defaultValue = "noise", description = "noise, tcp or tls (default: ${DEFAULT-VALUE}, what Mintlayer nodes speak).")
    String transport;

    @Option(names = "--messages", defaultValue = "3", description = "Gossip messages to send (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--timeout", defaultValue = "25s", description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    String timeout;

    private final PrintStream out;

    /**
     * What a run achieved, for the exit code and for tests.
     *
     * @param targetsReached        whether every node reached its outbound target
     * @param allMessagesEverywhere whether every message reached every node
     * @param nodes                 how many nodes ran
     * @param messages              how many messages were published
     */
    public record Outcome(boolean targetsReached, boolean allMessagesEverywhere, int nodes, int messages) {
        /**
         * Whether the demo passed, for the exit code.
         *
         * @return both targets reached and every message everywhere
         */
        public boolean success() {
            return targetsReached && allMessagesEverywhere;
        }
    }

    /** The command as picocli builds it, printing to standard output. */
    public DemoCommand() {
        this(System.out);
    }

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (nodes < 2 || nodes > 20) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--nodes: must be 2-20, got " + nodes);
        }
        if (!transport.equals("noise") && !transport.equals("tcp") && !transport.equals("tls")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--transport: must be noise, tcp or tls, got " + transport);
        }
        Main.setLogLevel("warn");
        return run().success() ? 0 : 1;
    }

    Outcome run() throws Exception {
        long deadline = System.nanoTime() + Durations.parse(timeout).toNanos();
        int target = Math.min(2, nodes - 1);
        List<NodeRuntime> network = new ArrayList<>();
        try {
            out.printf("Starting %d nodes over %s on 127.0.0.1 (outbound target %d each)%n", nodes, transport, target);
            network.add(start(List.of(), target));
            TransportAddress boot = network.get(0).node().listenAddresses().get(0);
            if (network.get(0).identity().isPresent()) {
                boot = TransportAddress.parse(boot + "#" + network.get(0).identity().get());
            }
            out.println("  node 0 is the boot node at " + boot);
            for (int i = 1; i < nodes; i++) {
                network.add(start(List.of(boot), target));
            }
            boolean converged = waitFor(deadline, () -> network.stream().allMatch(n -> outbound(n) >= target),
                    () -> printTable(network));
            printTable(network);
            out.println(converged ? "Every node reached its outbound target." : "Not every node reached its target in time.");

            List<String> ids = new ArrayList<>();
            for (int m = 0; m < messages; m++) {
                NodeRuntime sender = network.get((1 + m * 2) % nodes);
                Gossip.Published p = sender.gossip().publish("hello #" + (m + 1) + " from node "
                        + network.indexOf(sender));
                ids.add(p.id());
                out.printf("node %d gossips message %s... to %d peers%n", network.indexOf(sender), p.id().substring(0, 8),
                        p.sentTo());
            }
            boolean delivered = waitFor(deadline, () -> ids.stream().allMatch(id ->
                    network.stream().allMatch(n -> n.gossip().hasSeen(id))), () -> { });
            for (int i = 0; i < network.size(); i++) {
                NodeRuntime n = network.get(i);
                long got = ids.stream().filter(id -> n.gossip().hasSeen(id)).count();
                int maxHops = n.gossip().messages().stream().mapToInt(r -> r.message().hops()).max().orElse(0);
                out.printf("  node %d has %d/%d messages (farthest came %d hop%s)%n", i, got, ids.size(), maxHops + 1,
                        maxHops == 0 ? "" : "s");
            }
            out.println(delivered ? "Every node got every message." : "Some messages did not reach every node in time.");
            return new Outcome(converged, delivered, nodes, messages);
        } finally {
            out.println("Stopping the nodes.");
            for (NodeRuntime n : network) {
                n.close();
            }
        }
    }

    private NodeRuntime start(List<TransportAddress> boot, int target) throws Exception {
        P2pConfig config = P2pConfig.builder()
                .listen(TransportAddress.of(transport, "127.0.0.1", 0))
                .bootNodes(boot).targetOutbound(target).maxInbound(16)
                .pingPeriod(Duration.ofSeconds(5)).whitelistLoopback(true).build();
        return NodeRuntime.start(config, Optional.empty());
    }

    private static long outbound(NodeRuntime n) {
        return n.node().peers().stream().filter(p -> p.direction() == Direction.OUTBOUND).count();
    }

    private void printTable(List<NodeRuntime> network) {
        out.println("  node  listen                    out  in  peers");
        for (int i = 0; i < network.size(); i++) {
            NodeRuntime n = network.get(i);
            List<PeerSnapshot> peers = n.node().peers();
            List<String> names = new ArrayList<>();
            for (PeerSnapshot p : peers) {
                names.add((p.direction() == Direction.OUTBOUND ? "->" : "<-") + nameOf(network, p));
            }
            out.printf("  %-4d  %-24s  %3d  %2d  %s%n", i, n.node().listenAddresses().get(0), outbound(n),
                    peers.size() - outbound(n), String.join(" ", names));
        }
    }

    /** Names a peer by node number when it is one of ours (outbound peers are known by listen port). */
    private static String nameOf(List<NodeRuntime> network, PeerSnapshot p) {
        for (int i = 0; i < network.size(); i++) {
            if (network.get(i).node().listenAddresses().get(0).port() == p.address().port()) {
                return "node" + i;
            }
        }
        return p.address().host() + ":" + p.address().port();
    }

    private static boolean waitFor(long deadline, BooleanSupplier done, Runnable progress) throws InterruptedException {
        long lastPrint = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(2)) {
                progress.run();
                lastPrint = System.nanoTime();
            }
            Thread.sleep(100);
        }
        return done.getAsBoolean();
    }
}
