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

    /** A sample every virtual second, or about 200 samples over the joins of a large network. */
    static Duration samplePeriod(SimOptions options) {
        Duration joins = options.joinGap().multipliedBy(options.nodes());
        return joins.dividedBy(200).compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(joins.dividedBy(200).toSeconds())
                : Duration.ofSeconds(1);
    }

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
