package io.mintp2p.inmemory.sim;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A report, not a test: what one node costs in the issue-29 "defaults" model as the network grows,
 * in measures that do not depend on the machine's load. The model is the library's defaults as a
 * new user would run them: default address-book tables, public addresses over at least 250 /16s
 * (four nodes a /16 above 1 000 nodes), 3 boot nodes, 8 outbound, the default 128 inbound, a node
 * joining every 20 ms of virtual time, run until every node has its outbound target.
 *
 * <p>Per size it prints, per node: tasks the virtual-time scheduler ran, messages sent, bytes the
 * simulation thread allocated ({@code com.sun.management.ThreadMXBean}), live heap after a full GC
 * at the end (less the heap before the run), address-book entries; and the virtual seconds to
 * target. Wall seconds are printed for reference only: the machine may be shared.
 * {@code -Dmintp2p.sim.histogram=30} also prints the 30 classes holding most of the live heap at the end.
 * The simulation thread's CPU time ({@code ThreadMXBean#getCurrentThreadCpuTime}) is printed per node and per
 * task: unlike wall time it does not count the time other processes held the cores.
 * The trace's digest shows whether a change to the simulator changed what the nodes did.
 * {@code -Dmintp2p.sim.kinds=true} also counts the tasks by kind ({@link
 * io.mintp2p.core.time.VirtualTimeScheduler#taskKinds()}) and prints them per node, most first.
 *
 * <pre>mvn -o verify -pl p2p-transport-inmemory -am -Dtest=DefaultsScalingReport \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dmintp2p.sim.defaults=true [-Dmintp2p.sim.sizes=1000,2000,4000]</pre>
 *
 * or, with the test class path, {@code java -Xmx6g io.mintp2p.inmemory.sim.DefaultsScalingReport 1000 2000}.
 */
@EnabledIfSystemProperty(named = "mintp2p.sim.defaults", matches = "true")
@ExtendWith(SampledLeakDetection.class)
class DefaultsScalingReport {
    static final int TARGET_OUTBOUND = 8;
    static final int BOOT_NODES = 3;
    static final int MIN_GROUPS = 250;
    static final int NODES_PER_GROUP = 4;
    static final Duration JOIN_INTERVAL = Duration.ofMillis(20);
    static final Duration GIVE_UP_AFTER = Duration.ofHours(1);
    static final long SEED = 2026;

    static final String HEADER =
            "nodes  virtual-s  tasks/node  msgs-out/node  alloc-KiB/node  heap-KiB/node  book/node  cpu-ms/node  us/task  wall-s";

    @Test
    void report() {
        main(System.getProperty("mintp2p.sim.sizes", "1000,2000,4000").split(","));
    }

    public static void main(String[] sizes) {
        List<String> lines = new ArrayList<>();
        for (String size : sizes) {
            String line = run(Integer.parseInt(size.trim()));
            lines.add(line);
            System.out.println(HEADER);
            System.out.println(line);
        }
        System.out.println("defaults model: default books, >= " + MIN_GROUPS + " /16s, " + BOOT_NODES + " boot nodes, "
                + TARGET_OUTBOUND + " outbound, joins " + JOIN_INTERVAL.toMillis() + " ms apart");
        System.out.println(HEADER);
        lines.forEach(System.out::println);
    }

    private static String run(int nodes) {
        long heapBefore = liveHeap();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long allocBefore = threads.getThreadAllocatedBytes(thread);
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        Simulation sim = new Simulation(SEED).keepDigestOnly();
        if (Boolean.getBoolean("mintp2p.sim.kinds")) {
            sim.scheduler().countTaskKinds();
        }
        OutboundTargetWatch watch = new OutboundTargetWatch(sim, TARGET_OUTBOUND);
        PublicNetwork net = new PublicNetwork(sim, Math.max(MIN_GROUPS, nodes / NODES_PER_GROUP), BOOT_NODES,
                b -> b.targetOutbound(TARGET_OUTBOUND));
        net.grow(nodes, JOIN_INTERVAL);
        boolean reached = net.runUntil(watch::allReached, GIVE_UP_AFTER);
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        long cpuNanos = threads.getCurrentThreadCpuTime() - cpuBefore;
        long allocated = threads.getThreadAllocatedBytes(thread) - allocBefore;
        long heap = liveHeap() - heapBefore;
        printHistogram(Integer.getInteger("mintp2p.sim.histogram", 0));
        int live = sim.liveNodes().size();
        long messagesOut = 0;
        long book = 0;
        Map<String, Long> byType = new TreeMap<>();
        for (SimNode n : sim.liveNodes()) {
            var stats = n.node().stats();
            for (var e : stats.messagesOut().entrySet()) {
                messagesOut += e.getValue();
                byType.merge(e.getKey(), e.getValue(), Long::sum);
            }
            book += stats.discovery().bookNew() + stats.discovery().bookTried();
        }
        StringBuilder types = new StringBuilder("  " + nodes + " nodes, messages out per node:");
        byType.forEach((type, count) -> types.append(String.format(" %s %.1f", type, count / (double) live)));
        System.out.println(types);
        System.out.println("  trace digest " + sim.traceDigest() + " (" + sim.traceLines() + " lines)");
        sim.scheduler().taskKinds().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.printf("  tasks/node %8.1f  %s%n", e.getValue() / (double) nodes, e.getKey()));
        long tasks = sim.scheduler().executedTasks();
        String line = String.format("%5d  %9.1f  %10d  %13.1f  %14d  %13.1f  %9.0f  %11.2f  %7.2f  %6.1f%s", nodes,
                sim.scheduler().millis() / 1000.0, tasks / nodes,
                messagesOut / (double) live, allocated / nodes >> 10, heap / 1024.0 / nodes, book / (double) live,
                cpuNanos / 1e6 / nodes, cpuNanos / 1e3 / Math.max(1, tasks), wallSeconds, reached ? "" : "  (" + watch.below() + " nodes short of the target after the cap)");
        // Keeps the simulation reachable until its heap was measured.
        java.lang.ref.Reference.reachabilityFence(sim);
        return line;
    }

    /**
     * The {@code rows} classes holding most of the live heap ({@code jcmd GC.class_histogram} of this
     * JVM): where a node's memory goes. Nothing when {@code rows} is 0.
     */
    private static void printHistogram(int rows) {
        if (rows <= 0) {
            return;
        }
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            try (var lines = jcmd.inputReader().lines()) {
                lines.limit(rows + 3L).forEach(System.out::println);
            }
            jcmd.destroy();
        } catch (java.io.IOException e) {
            System.out.println("no histogram: " + e.getMessage());
        }
    }

    /** Heap in use after full collections. */
    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
