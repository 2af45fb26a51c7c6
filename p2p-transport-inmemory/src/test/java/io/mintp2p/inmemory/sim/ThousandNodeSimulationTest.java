package io.mintp2p.inmemory.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The first must-show simulation: 1000 nodes on public addresses over 250 /16s, three boot
 * nodes, joining ten per virtual second: every node reaches its outbound target, the connection
 * graph is one component, and its average shortest path is reported; the same seed gives the same
 * trace, another seed another.
 */
@ExtendWith(SampledLeakDetection.class)
class ThousandNodeSimulationTest {
    static final int NODES = 1000;
    static final int GROUPS = 250;
    static final int BOOT_NODES = 3;
    static final int TARGET_OUTBOUND = 8;
    static final Duration JOIN_INTERVAL = Duration.ofMillis(100);
    /** Generous: the run stops as soon as every node has its target; this only bounds a failing run. */
    static final Duration CAP = Duration.ofMinutes(30);

    @Test
    void thousandNodesReachTheirTargetAndFormOneWellConnectedGraph() {
        long started = System.nanoTime();
        Simulation sim = new Simulation(1000);
        OutboundTargetWatch watch = new OutboundTargetWatch(sim, TARGET_OUTBOUND);
        PublicNetwork net = new PublicNetwork(sim, GROUPS, BOOT_NODES, b -> b.targetOutbound(TARGET_OUTBOUND));
        net.grow(NODES, JOIN_INTERVAL);
        boolean reached = net.runUntil(watch::allReached, CAP);
        double virtualSeconds = sim.scheduler().millis() / 1000.0;

        PeerGraph graph = PeerGraph.of(sim);
        PeerGraph.PathStats paths = graph.pathStats();
        int components = sim.components();
        System.out.printf("%d nodes over %d /16s: all at %d outbound after %.0f virtual s (%d short), %d edges,"
                        + " %d component(s), average shortest path %.2f hops, diameter %d, %.1f s wall%n",
                NODES, GROUPS, TARGET_OUTBOUND, virtualSeconds, watch.below(), graph.edges(), components,
                paths.average(), paths.diameter(), (System.nanoTime() - started) / 1e9);

        assertThat(reached).as("every node reached %d outbound within %s (%d short)", TARGET_OUTBOUND, CAP,
                watch.below()).isTrue();
        assertThat(components).as("connected components").isEqualTo(1);
        assertThat(paths.unreachablePairs()).isZero();
        // Eight outbound peers each make a random graph of about 16 links per node: a few hops.
        assertThat(paths.average()).as("average shortest path").isBetween(1.0, 6.0);
    }

    @Test
    void sameSeedSameTraceAnotherSeedAnotherTrace() {
        String a = run(7);
        String b = run(7);
        String c = run(8);
        System.out.printf("trace digests: seed 7 %s, again %s, seed 8 %s%n", a, b, c);
        assertThat(a).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
    }

    /** 150 nodes over 40 /16s, ten minutes of virtual time with a crash and a restart: the trace's digest. */
    private static String run(long seed) {
        Simulation sim = new Simulation(seed);
        PublicNetwork net = new PublicNetwork(sim, 40, BOOT_NODES, b -> b.targetOutbound(TARGET_OUTBOUND));
        net.grow(150, JOIN_INTERVAL);
        sim.runFor(Duration.ofMinutes(5));
        SimNode victim = sim.nodes().stream().skip(77).findFirst().orElseThrow();
        sim.crash(victim);
        sim.runFor(Duration.ofMinutes(1));
        sim.restart(victim);
        sim.runFor(Duration.ofMinutes(4));
        assertThat(sim.trace()).hasSizeGreaterThan(150 * TARGET_OUTBOUND);
        return sim.traceDigest();
    }
}
