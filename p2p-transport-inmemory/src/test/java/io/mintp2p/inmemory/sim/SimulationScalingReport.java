package io.mintp2p.inmemory.sim;

import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A report, not a test: how the simulator's wall time grows with the network. For each size it
 * builds that many nodes on public addresses (four per /16, dealt round-robin over the /16s), three
 * of them boot nodes, runs until every node has its outbound target and prints wall seconds,
 * virtual seconds, live heap, wall milliseconds per node, and the split of the latter into tasks
 * run per node (the protocol's work) and wall microseconds per task (the simulator's cost). Wall
 * figures depend on the machine and its load, so nothing is asserted about them.
 *
 * <p>Nodes join ten per virtual second ({@code -Dmintp2p.sim.join=rate}, the default), so the network
 * grows for longer the larger it is, or all within 100 virtual seconds ({@code =window}), so every
 * size lives about as long.
 *
 * <pre>mvn -o verify -pl p2p-transport-inmemory -am -Dtest=SimulationScalingReport \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dmintp2p.sim.scaling=true [-Dmintp2p.sim.sizes=500,1000,2000]</pre>
 */
@EnabledIfSystemProperty(named = "mintp2p.sim.scaling", matches = "true")
@ExtendWith(SampledLeakDetection.class)
class SimulationScalingReport {
    static final int TARGET_OUTBOUND = 8;
    static final int BOOT_NODES = 3;
    static final int NODES_PER_GROUP = 4;
    static final Duration JOIN_INTERVAL = Duration.ofMillis(100);
    static final Duration JOIN_WINDOW = Duration.ofSeconds(100);
    static final Duration GIVE_UP_AFTER = Duration.ofHours(1);

    @Test
    void report() {
        boolean window = "window".equals(System.getProperty("mintp2p.sim.join", "rate"));
        List<String> lines = new ArrayList<>();
        for (String size : System.getProperty("mintp2p.sim.sizes", "500,1000,2000").split(",")) {
            lines.add(run(Integer.parseInt(size.trim()), window));
            System.out.println(lines.get(lines.size() - 1));
        }
        System.out.println("joining " + (window ? "within " + JOIN_WINDOW.toSeconds() + " s" : "10 per second"));
        System.out.println("nodes  wall-s  virtual-s  settle-s  heap-MB  wall-ms/node  tasks/node  wall-us/task");
        lines.forEach(System.out::println);
    }

    private static String run(int nodes, boolean window) {
        System.gc();
        long started = System.nanoTime();
        Simulation sim = new Simulation(2026);
        OutboundTargetWatch watch = new OutboundTargetWatch(sim, TARGET_OUTBOUND);
        PublicNetwork net = new PublicNetwork(sim, Math.max(BOOT_NODES, nodes / NODES_PER_GROUP), BOOT_NODES,
                b -> b.targetOutbound(TARGET_OUTBOUND));
        net.grow(nodes, window ? JOIN_WINDOW.dividedBy(nodes) : JOIN_INTERVAL);
        long joined = sim.scheduler().millis();
        boolean reached = net.runUntil(watch::allReached, GIVE_UP_AFTER);
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        // The live heap of the simulation: collected first, with the simulation still reachable.
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        Reference.reachabilityFence(sim);
        long tasks = sim.scheduler().executedTasks();
        System.out.println(messagesPerNode(sim));
        return String.format("%5d  %6.1f  %9.1f  %8.1f  %7d  %12.1f  %10d  %12.2f%s", nodes, wallSeconds,
                sim.scheduler().millis() / 1000.0, (sim.scheduler().millis() - joined) / 1000.0, heapMb,
                wallSeconds * 1000 / nodes, tasks / nodes, wallSeconds * 1e6 / tasks,
                reached ? "" : "  (" + watch.below() + " nodes short of the target after the cap)");
    }

    /** Messages received per node, by type, and the book size: what the protocol itself does as the network grows. */
    private static String messagesPerNode(Simulation sim) {
        Map<String, Long> total = new TreeMap<>();
        for (SimNode n : sim.liveNodes()) {
            n.node().stats().messagesIn().forEach((type, count) -> total.merge(type, count, Long::sum));
        }
        double book = sim.liveNodes().stream().mapToInt(n -> n.node().stats().discovery().bookNew()
                + n.node().stats().discovery().bookTried()).average().orElse(0);
        StringBuilder sb = new StringBuilder(String.format("  %d nodes: address book %.0f; messages in per node:",
                sim.liveNodes().size(), book));
        total.forEach((type, count) -> sb.append(String.format(" %s %.1f", type, count / (double) sim.liveNodes().size())));
        return sb.toString();
    }
}
