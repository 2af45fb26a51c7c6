package io.mintp2p.inmemory.sim;

import io.mintp2p.core.transport.TransportAddress;
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
 * of them boot nodes, joining ten per virtual second, runs until every node has its outbound target
 * and prints wall seconds, virtual seconds, heap used and wall milliseconds per node. Wall figures
 * depend on the machine and its load, so nothing is asserted about them.
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
    static final Duration GIVE_UP_AFTER = Duration.ofHours(1);

    @Test
    void report() {
        List<String> lines = new ArrayList<>();
        for (String size : System.getProperty("mintp2p.sim.sizes", "500,1000,2000").split(",")) {
            lines.add(run(Integer.parseInt(size.trim())));
            System.out.println(lines.get(lines.size() - 1));
        }
        System.out.println("nodes  wall-s  virtual-s  heap-MB  wall-ms/node  tasks/node  wall-us/task");
        lines.forEach(System.out::println);
    }

    /** Messages received per node, by type: what the protocol itself costs as the network grows. */
    private static String messagesPerNode(Simulation sim) {
        Map<String, Long> total = new TreeMap<>();
        for (SimNode n : sim.liveNodes()) {
            n.node().stats().messagesIn().forEach((type, count) -> total.merge(type, count, Long::sum));
        }
        double book = sim.liveNodes().stream().mapToInt(n -> n.node().stats().discovery().bookNew()
                + n.node().stats().discovery().bookTried()).average().orElse(0);
        StringBuilder sb = new StringBuilder(String.format("  address book %.0f; messages in per node:", book));
        total.forEach((type, count) -> sb.append(String.format(" %s %.1f", type, count / (double) sim.liveNodes().size())));
        return sb.toString();
    }

    private static String run(int nodes) {
        System.gc();
        long started = System.nanoTime();
        Simulation sim = new Simulation(2026);
        OutboundTargetWatch watch = new OutboundTargetWatch(sim, TARGET_OUTBOUND);
        int groups = Math.max(BOOT_NODES, nodes / NODES_PER_GROUP);
        List<TransportAddress> boots = new ArrayList<>();
        for (int i = 0; i < BOOT_NODES; i++) {
            boots.add(Simulation.address(PublicIps.spread(i, groups)));
        }
        for (int i = 0; i < nodes; i++) {
            sim.addNode(PublicIps.spread(i, groups), b -> b.targetOutbound(TARGET_OUTBOUND)
                    .allowPrivateAddresses(false).bootNodes(boots));
            sim.runFor(JOIN_INTERVAL);
        }
        long deadline = sim.scheduler().millis() + GIVE_UP_AFTER.toMillis();
        while (!watch.allReached() && sim.scheduler().millis() < deadline) {
            sim.runFor(Duration.ofSeconds(1));
        }
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        // The live heap of the simulation: collected first, with the simulation still reachable.
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        Reference.reachabilityFence(sim);
        long tasks = sim.scheduler().executedTasks();
        String line = String.format("%5d  %6.1f  %9.1f  %7d  %12.1f  %10d  %9.2f%s", nodes, wallSeconds,
                sim.scheduler().millis() / 1000.0, heapMb, wallSeconds * 1000 / nodes, tasks / nodes,
                wallSeconds * 1e6 / tasks,
                watch.allReached() ? "" : "  (" + watch.below() + " nodes short of the target after the cap)");
        System.out.println(messagesPerNode(sim));
        return line;
    }
}
