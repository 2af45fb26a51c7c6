package io.mintp2p.bench.scenario;

import io.mintp2p.bench.report.Row;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.inmemory.sim.SimNode;
import io.mintp2p.inmemory.sim.Simulation;
import java.time.Duration;
import java.util.List;

/**
 * How long the deterministic simulator takes to bring {@code nodes} nodes, started one after another
 * from one boot node, to convergence: every node holds its full-relay outbound target and the peer
 * graph is one component (the conditions of ConvergenceSimulationTest), with small address books and
 * the trace's digest only, so that a node costs the same however many there are. Reports wall seconds,
 * virtual seconds and heap after GC (while the network is still up); no baseline. Convergence is checked every 5 virtual seconds;
 * a run stops unconverged at the virtual or wall cap, and then says so.
 */
public final class SimConvergeScenario {
    private static final int TARGET_OUTBOUND = 8;
    private static final int BLOCK_RELAY = 2;
    private static final int MAX_INBOUND = 32;
    private static final Duration JOIN_GAP = Duration.ofMillis(50);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(5);
    private static final Duration VIRTUAL_CAP = Duration.ofMinutes(30);
    /**
     * The smallest address books the config allows (1 536 addresses): every simulated address is
     * private, hence a group of its own, so only the tables bound a book, and with Bitcoin Core's
     * (82 000) every book would grow towards the size of the network.
     */
    private static final int BOOK_NEW_BUCKETS = 16;
    private static final int BOOK_TRIED_BUCKETS = 8;

    private final int nodes;
    private final Duration wallCap;

    public SimConvergeScenario(int nodes, Duration wallCap) {
        this.nodes = nodes;
        this.wallCap = wallCap;
    }

    public List<Row> run() throws Exception {
        String prefix = "sim.converge." + nodes;
        long start = System.nanoTime();
        long deadline = start + wallCap.toNanos();
        Simulation sim = new Simulation(42).keepDigestOnly();
        TransportAddress boot = Simulation.configFor(ip(0)).build().listenAddresses().get(0);
        boolean capped = false;
        for (int i = 0; i < nodes && !capped; i++) {
            List<TransportAddress> bootNodes = i == 0 ? List.of() : List.of(boot);
            sim.addNode(ip(i), b -> b.targetOutbound(TARGET_OUTBOUND).blockRelayOutbound(BLOCK_RELAY)
                    .maxInbound(MAX_INBOUND).bootNodes(bootNodes)
                    .addressBookBuckets(BOOK_NEW_BUCKETS, BOOK_TRIED_BUCKETS));
            sim.runFor(JOIN_GAP);
            capped = System.nanoTime() > deadline;
        }
        long virtualStart = 0;
        boolean converged = false;
        while (!capped) {
            if (converged(sim)) {
                converged = true;
                break;
            }
            sim.runFor(CHECK_EVERY);
            capped = System.nanoTime() > deadline || sim.scheduler().millis() > VIRTUAL_CAP.toMillis();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double virtual = (sim.scheduler().millis() - virtualStart) / 1e3;
        long heap = MemoryMeter.usedHeapAfterGc();
        if (!converged) {
            System.out.printf("  %s: NOT converged: stopped at the cap after %.0f s wall, %.0f s virtual, %d of %d nodes added%n",
                    prefix, wall, virtual, sim.nodes().size(), nodes);
        }
        sim.shutdown();
        // Stable names; ".converged" (1 or 0) says whether wall and virtual are times to converge or the cap.
        return List.of(Row.plain(prefix + ".wall", wall, "s"),
                Row.plain(prefix + ".virtual", virtual, "s"),
                Row.plain(prefix + ".heap", heap / (1024.0 * 1024.0), "MiB"),
                Row.plain(prefix + ".converged", converged ? 1 : 0, "bool"));
    }

    private static boolean converged(Simulation sim) {
        for (SimNode n : sim.liveNodes()) {
            if (n.fullRelayOutboundCount() < TARGET_OUTBOUND) {
                return false;
            }
        }
        return sim.components() == 1;
    }

    private static String ip(int i) {
        return "10." + (i / 62500) + "." + (i / 250 % 250) + "." + (i % 250 + 1);
    }
}
