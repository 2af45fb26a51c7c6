package io.mintp2p.inmemory.sim;

import io.mintp2p.core.node.PeerSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The undirected graph of established connections among a simulation's live nodes, at one instant:
 * an edge per connection either end reports. For path lengths (BFS from every node).
 */
final class PeerGraph {
    private final List<String> hosts = new ArrayList<>();
    private final List<List<Integer>> adjacent = new ArrayList<>();

    static PeerGraph of(Simulation sim) {
        PeerGraph g = new PeerGraph();
        Map<String, Integer> index = new HashMap<>();
        for (SimNode n : sim.liveNodes()) {
            index.put(n.ip(), g.hosts.size());
            g.hosts.add(n.ip());
            g.adjacent.add(new ArrayList<>());
        }
        for (SimNode n : sim.liveNodes()) {
            int a = index.get(n.ip());
            for (PeerSnapshot p : n.peers()) {
                Integer b = index.get(p.address().host());
                if (b != null && b != a && !g.adjacent.get(a).contains(b)) {
                    g.adjacent.get(a).add(b);
                    g.adjacent.get(b).add(a);
                }
            }
        }
        return g;
    }

    int size() {
        return hosts.size();
    }

    /** Number of edges (distinct connected pairs). */
    int edges() {
        return adjacent.stream().mapToInt(List::size).sum() / 2;
    }

    /** Distances in hops from node {@code from}; -1 for unreachable nodes. */
    int[] distancesFrom(int from) {
        int[] dist = new int[size()];
        Arrays.fill(dist, -1);
        dist[from] = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(from);
        while (!queue.isEmpty()) {
            int x = queue.poll();
            for (int y : adjacent.get(x)) {
                if (dist[y] < 0) {
                    dist[y] = dist[x] + 1;
                    queue.add(y);
                }
            }
        }
        return dist;
    }

    /** Path lengths over every ordered pair of distinct nodes that reach each other. */
    PathStats pathStats() {
        long sum = 0;
        long pairs = 0;
        long unreachable = 0;
        int diameter = 0;
        for (int from = 0; from < size(); from++) {
            for (int d : distancesFrom(from)) {
                if (d > 0) {
                    sum += d;
                    pairs++;
                    diameter = Math.max(diameter, d);
                } else if (d < 0) {
                    unreachable++;
                }
            }
        }
        return new PathStats(pairs == 0 ? 0 : sum / (double) pairs, diameter, unreachable);
    }

    /** @param unreachablePairs ordered pairs with no path between them (0 when the graph is connected) */
    record PathStats(double average, int diameter, long unreachablePairs) {
    }
}
