package io.mintp2p.bench.sim;

import io.mintp2p.inmemory.sim.PeerGraph;
import java.time.Duration;

/**
 * Every node joins, {@link SimOptions#joinGap()} apart, from the boot nodes; the run stops when every node
 * holds its outbound target. Then the shape of the connection graph: average shortest path and
 * diameter (by search from every node up to {@link #FULL_SEARCH_UP_TO} nodes, from that many drawn
 * nodes beyond: then an estimate and a lower bound), components, peers per node; then
 * {@link #IDLE_WINDOW} of a settled network and its cost per node and virtual second.
 */
final class ConvergeScenario implements SimScenario {
    static final int FULL_SEARCH_UP_TO = 2000;
    /** After convergence, what a settled network costs per node and virtual second (keepalive, upkeep). */
    static final Duration IDLE_WINDOW = Duration.ofMinutes(5);

    /**
     * A sample every virtual second, or about {@link #JOIN_SAMPLES} over the joins of a large network:
     * a sample walks every node, so more of them would make the harness a large share of the run.
     */
    static Duration samplePeriod(SimOptions options) {
        Duration joins = options.joinGap().multipliedBy(options.nodes());
        return joins.dividedBy(JOIN_SAMPLES).compareTo(Duration.ofSeconds(1)) > 0
                ? Duration.ofSeconds(joins.dividedBy(JOIN_SAMPLES).toSeconds()) : Duration.ofSeconds(1);
    }

    static final int JOIN_SAMPLES = 100;

    @Override
    public void run(SimRun run) {
        run.samplePeriod(samplePeriod(run.options()));
        run.growAndConverge(run.options().nodes());
        PeerGraph graph = PeerGraph.of(run.sim());
        PeerGraph.PathStats paths = graph.pathStats(FULL_SEARCH_UP_TO, run.options().seed());
        run.figure("avg_shortest_path", paths.average());
        run.figure("diameter", paths.diameter());
        run.figure("path_search_sources", paths.sources());
        run.figure("unreachable_pairs", paths.unreachablePairs());
        run.figure("edges", graph.edges());
        run.figure("mean_peers_per_node", graph.size() == 0 ? 0 : 2.0 * graph.edges() / graph.size());
        run.figure("components", graph.components());
        run.measureIdle(IDLE_WINDOW);
    }
}
