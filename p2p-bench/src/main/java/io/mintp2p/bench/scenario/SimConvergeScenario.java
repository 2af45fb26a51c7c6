package io.mintp2p.bench.scenario;

import io.mintp2p.bench.report.Row;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.inmemory.sim.SimNode;
import io.mintp2p.inmemory.sim.Simulation;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * How long the deterministic simulator takes to bring {@code nodes} nodes, started one after another
 * from one boot node, to their outbound target, with small address books and the trace's digest
 * only, so that a node costs the same however many there are. Two moments are reported:
 * <ul>
 *   <li>{@code .wall}/{@code .virtual}: every node has held its full-relay outbound target (at some
 *   moment of its own) and the peer graph is one component;</li>
 *   <li>{@code .all_at_once.wall}/{@code .all_at_once.virtual}: every node holds its target at the
 *   same check (the conditions of ConvergenceSimulationTest). In a big network this waits for a
 *   lull in churn that is there by design (feelers and inbound eviction, the rotating extra
 *   block-relay peer each cost some node an outbound peer for a few seconds), not for a node that
 *   cannot find peers.</li>
 * </ul>
 * Also the heap after GC (while the network is still up); no baseline. Checks run every 5 virtual
 * seconds; a run stops at the virtual or wall cap, and then says so.
 * <p>
 * Two networks: nodes with 32 inbound slots ({@code sim.converge.N}, the scenario of every session
 * so far), in which the oldest nodes fill up and most of a newcomer's dials meet a full node that
 * serves its addresses and lets it go; and nodes with the library's default of 128
 * ({@code sim.converge.N.inbound128}, about Bitcoin Core's 125 connections), which a node builder
 * gets unless they change it.
 */
public final class SimConvergeScenario {
    private static final int TARGET_OUTBOUND = 8;
    private static final int BLOCK_RELAY = 2;
    /** Few inbound slots: full nodes everywhere, the harder network. */
    public static final int SCARCE_INBOUND = 32;
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
    private final int maxInbound;
    private final Duration wallCap;

    public SimConvergeScenario(int nodes, int maxInbound, Duration wallCap) {
        this.nodes = nodes;
        this.maxInbound = maxInbound;
        this.wallCap = wallCap;
    }

    /** The inbound limit a node has unless its builder sets one. */
    public static int defaultMaxInbound() {
        return Simulation.configFor(ip(0)).build().maxInbound();
    }

    /** The rows' common prefix: {@code sim.converge.N}, with the inbound limit unless it is the scarce one. */
    public static String name(int nodes, int maxInbound) {
        return "sim.converge." + nodes + (maxInbound == SCARCE_INBOUND ? "" : ".inbound" + maxInbound);
    }

    public List<Row> run() throws Exception {
        String prefix = name(nodes, maxInbound);
        long start = System.nanoTime();
        long deadline = start + wallCap.toNanos();
        Simulation sim = new Simulation(42).keepDigestOnly();
        Set<SimNode> reachedTarget = Collections.newSetFromMap(new IdentityHashMap<>());
        sim.onPeerEvent((node, event) -> {
            if (node.fullRelayOutboundCount() >= TARGET_OUTBOUND) {
                reachedTarget.add(node);
            }
        });
        TransportAddress boot = Simulation.configFor(ip(0)).build().listenAddresses().get(0);
        boolean capped = false;
        for (int i = 0; i < nodes && !capped; i++) {
            List<TransportAddress> bootNodes = i == 0 ? List.of() : List.of(boot);
            sim.addNode(ip(i), b -> b.targetOutbound(TARGET_OUTBOUND).blockRelayOutbound(BLOCK_RELAY)
                    .maxInbound(maxInbound).bootNodes(bootNodes)
                    .addressBookBuckets(BOOK_NEW_BUCKETS, BOOK_TRIED_BUCKETS));
            sim.runFor(JOIN_GAP);
            capped = System.nanoTime() > deadline;
        }
        Moment reached = null;
        Moment allAtOnce = null;
        while (!capped) {
            if (reached == null && reachedTarget.size() == nodes && sim.components() == 1) {
                reached = Moment.now(start, sim);
            }
            if (reached != null && allAtOnce(sim)) {
                allAtOnce = Moment.now(start, sim);
                break;
            }
            sim.runFor(CHECK_EVERY);
            capped = System.nanoTime() > deadline || sim.scheduler().millis() > VIRTUAL_CAP.toMillis();
        }
        Moment end = Moment.now(start, sim);
        long heap = MemoryMeter.usedHeapAfterGc();
        if (reached == null || allAtOnce == null) {
            System.out.printf("  %s: stopped at the cap after %.0f s wall, %.0f s virtual, %d of %d nodes added;"
                            + " every node reached its target: %s; all at once: %s%n", prefix, end.wall, end.virtual,
                    sim.nodes().size(), nodes, reached != null, allAtOnce != null);
        }
        sim.shutdown();
        Moment first = reached != null ? reached : end;
        Moment steady = allAtOnce != null ? allAtOnce : end;
        // Stable names; ".converged" (1 or 0) says whether wall and virtual are times to converge or the cap.
        return List.of(Row.plain(prefix + ".wall", first.wall, "s"),
                Row.plain(prefix + ".virtual", first.virtual, "s"),
                Row.plain(prefix + ".heap", heap / (1024.0 * 1024.0), "MiB"),
                Row.plain(prefix + ".converged", reached != null ? 1 : 0, "bool"),
                Row.plain(prefix + ".all_at_once.wall", steady.wall, "s"),
                Row.plain(prefix + ".all_at_once.virtual", steady.virtual, "s"),
                Row.plain(prefix + ".all_at_once.converged", allAtOnce != null ? 1 : 0, "bool"));
    }

    /** Wall seconds since the run started and virtual seconds of the simulation. */
    private record Moment(double wall, double virtual) {
        static Moment now(long startNanos, Simulation sim) {
            return new Moment((System.nanoTime() - startNanos) / 1e9, sim.scheduler().millis() / 1e3);
        }
    }

    private static boolean allAtOnce(Simulation sim) {
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
