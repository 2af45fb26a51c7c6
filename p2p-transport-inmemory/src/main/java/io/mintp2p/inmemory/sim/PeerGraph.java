package io.mintp2p.inmemory.sim;

import io.mintp2p.core.node.PeerSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The undirected graph of established connections among a simulation's live nodes, at one instant:
 * an edge per connected pair, whichever end reports it. Path lengths by breadth-first search,
 * connected components, and the degree (peers per node) distribution.
 *
 * <p>An immutable snapshot: build it on the thread that drives the simulation (between
 * {@link Simulation#runFor} calls); its queries then run on any thread and never block.
 */
public final class PeerGraph {
    private final int[][] adjacent;

    private PeerGraph(int[][] adjacent) {
        this.adjacent = adjacent;
    }

    /**
     * The live nodes of {@code sim} and their connections now, from each node's peer snapshots. On the
     * thread that drives the simulation.
     *
     * @param sim the simulation, between {@link Simulation#runFor} calls
     * @return the graph, nodes numbered in {@link Simulation#liveNodes()} order
     */
    public static PeerGraph of(Simulation sim) {
        List<SimNode> live = sim.liveNodes();
        Map<String, Integer> index = new HashMap<>();
        for (SimNode n : live) {
            index.put(n.ip(), index.size());
        }
        List<int[]> edges = new ArrayList<>();
        for (SimNode n : live) {
            int a = index.get(n.ip());
            for (PeerSnapshot p : n.peers()) {
                Integer b = index.get(p.address().host());
                if (b != null) {
                    edges.add(new int[] {a, b});
                }
            }
        }
        return of(live.size(), edges.toArray(int[][]::new));
    }

    /**
     * A graph of nodes {@code 0 .. nodes-1} with the given undirected edges (pairs {@code {a, b}});
     * repeated edges and self-loops count once and not at all.
     *
     * @param nodes how many nodes
     * @param edges the connected pairs of node numbers
     * @return the graph
     * @throws IllegalArgumentException if an edge names a node outside {@code 0 .. nodes-1}
     */
    public static PeerGraph of(int nodes, int[]... edges) {
        List<List<Integer>> lists = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            lists.add(new ArrayList<>());
        }
        for (int[] e : edges) {
            int a = e[0];
            int b = e[1];
            if (a < 0 || b < 0 || a >= nodes || b >= nodes) {
                throw new IllegalArgumentException("edge " + Arrays.toString(e) + " outside 0.." + (nodes - 1));
            }
            if (a != b && !lists.get(a).contains(b)) {
                lists.get(a).add(b);
                lists.get(b).add(a);
            }
        }
        int[][] adjacent = new int[nodes][];
        for (int i = 0; i < nodes; i++) {
            adjacent[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return new PeerGraph(adjacent);
    }

    /**
     * Number of nodes.
     *
     * @return the count
     */
    public int size() {
        return adjacent.length;
    }

    /**
     * Number of edges (distinct connected pairs).
     *
     * @return the count
     */
    public int edges() {
        int ends = 0;
        for (int[] a : adjacent) {
            ends += a.length;
        }
        return ends / 2;
    }

    /**
     * Distances in hops from node {@code from}, by breadth-first search.
     *
     * @param from the start node, {@code 0 .. size()-1}
     * @return the distance of each node by number: 0 for {@code from}, -1 for unreachable ones
     */
    public int[] distancesFrom(int from) {
        int[] dist = new int[size()];
        Arrays.fill(dist, -1);
        int[] queue = new int[size()];
        int head = 0;
        int tail = 0;
        dist[from] = 0;
        queue[tail++] = from;
        while (head < tail) {
            int x = queue[head++];
            for (int y : adjacent[x]) {
                if (dist[y] < 0) {
                    dist[y] = dist[x] + 1;
                    queue[tail++] = y;
                }
            }
        }
        return dist;
    }

    /**
     * Path lengths over every ordered pair of distinct nodes: a search from every node, O(nodes x edges).
     *
     * @return the exact figures
     */
    public PathStats pathStats() {
        int[] sources = new int[size()];
        Arrays.setAll(sources, i -> i);
        return pathStats(sources);
    }

    /**
     * Path lengths from {@code sources} nodes drawn with {@code seed} (all nodes when there are no
     * more than that): the average is an estimate and the diameter a lower bound (the longest
     * shortest path from a drawn node), for graphs too large to search from every node.
     *
     * @param sources how many start nodes to draw
     * @param seed    drives the draw, so the same seed picks the same nodes
     * @return the figures from the drawn nodes
     */
    public PathStats pathStats(int sources, long seed) {
        if (sources >= size()) {
            return pathStats();
        }
        int[] all = new int[size()];
        Arrays.setAll(all, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < sources; i++) {
            int j = i + random.nextInt(all.length - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return pathStats(Arrays.copyOf(all, sources));
    }

    private PathStats pathStats(int[] sources) {
        long sum = 0;
        long pairs = 0;
        long unreachable = 0;
        int diameter = 0;
        for (int from : sources) {
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
        return new PathStats(pairs == 0 ? 0 : sum / (double) pairs, diameter, unreachable, sources.length);
    }

    /**
     * The size of each connected component, largest first (isolated nodes are components of one).
     *
     * @return a new array of sizes, empty for an empty graph
     */
    public int[] componentSizes() {
        int[] component = new int[size()];
        Arrays.fill(component, -1);
        List<Integer> sizes = new ArrayList<>();
        int[] stack = new int[size()];
        for (int start = 0; start < size(); start++) {
            if (component[start] >= 0) {
                continue;
            }
            int id = sizes.size();
            int count = 0;
            int top = 0;
            stack[top++] = start;
            component[start] = id;
            while (top > 0) {
                int x = stack[--top];
                count++;
                for (int y : adjacent[x]) {
                    if (component[y] < 0) {
                        component[y] = id;
                        stack[top++] = y;
                    }
                }
            }
            sizes.add(count);
        }
        return sizes.stream().sorted((a, b) -> Integer.compare(b, a)).mapToInt(Integer::intValue).toArray();
    }

    /**
     * Number of connected components.
     *
     * @return the count, 0 for an empty graph
     */
    public int components() {
        return componentSizes().length;
    }

    /**
     * Share of the nodes in the largest component.
     *
     * @return 1.0 when connected, 0 for an empty graph
     */
    public double largestComponentShare() {
        int[] sizes = componentSizes();
        return sizes.length == 0 ? 0 : sizes[0] / (double) size();
    }

    /**
     * Peers per node (distinct neighbours in this graph) to the number of nodes with that many.
     *
     * @return a new map, by degree ascending
     */
    public SortedMap<Integer, Integer> degreeHistogram() {
        SortedMap<Integer, Integer> histogram = new TreeMap<>();
        for (int[] a : adjacent) {
            histogram.merge(a.length, 1, Integer::sum);
        }
        return histogram;
    }

    /**
     * Shortest-path figures.
     *
     * @param average          mean hops over the reachable ordered pairs searched (0 when there is none)
     * @param diameter         the longest shortest path found
     * @param unreachablePairs ordered pairs searched with no path between them (0 when the graph is connected)
     * @param sources          how many nodes the searches started from (all nodes unless sampled)
     */
    public record PathStats(double average, int diameter, long unreachablePairs, int sources) {
    }
}
