package io.mintp2p.inmemory.sim;

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
     * The live nodes of {@code sim} and their connections now, as each node's Connected and
     * Disconnected events left them (building every node's peer snapshots instead cost a seventh of a
     * 10 000-node run sampled every virtual second). On the thread that drives the simulation.
     *
     * @param sim the simulation, between {@link Simulation#runFor} calls
     * @return the graph, nodes numbered in {@link Simulation#liveNodes()} order
     */
    public static PeerGraph of(Simulation sim) {
        List<SimNode> live = sim.liveNodes();
        Map<String, Integer> index = new HashMap<>(live.size() * 2);
        for (SimNode n : live) {
            index.put(n.ip(), index.size());
        }
        EdgeList edges = new EdgeList();
        for (int a = 0; a < live.size(); a++) {
            for (String host : live.get(a).peerHosts()) {
                Integer b = index.get(host);
                if (b != null) {
                    edges.add(a, b);
                }
            }
        }
        return edges.toGraph(live.size());
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
        EdgeList list = new EdgeList();
        for (int[] e : edges) {
            if (e[0] < 0 || e[1] < 0 || e[0] >= nodes || e[1] >= nodes) {
                throw new IllegalArgumentException("edge " + Arrays.toString(e) + " outside 0.." + (nodes - 1));
            }
            list.add(e[0], e[1]);
        }
        return list.toGraph(nodes);
    }

    /** Edges as two growing int arrays: a 100 000-node graph has millions of ends, so no boxing. */
    private static final class EdgeList {
        private int[] from = new int[1024];
        private int[] to = new int[1024];
        private int size;

        void add(int a, int b) {
            if (a == b) {
                return;
            }
            if (size == from.length) {
                from = Arrays.copyOf(from, size * 2);
                to = Arrays.copyOf(to, size * 2);
            }
            from[size] = a;
            to[size++] = b;
        }

        /** Each edge in both ends' lists, each list sorted with repeats dropped. */
        PeerGraph toGraph(int nodes) {
            int[] degree = new int[nodes];
            for (int i = 0; i < size; i++) {
                degree[from[i]]++;
                degree[to[i]]++;
            }
            int[][] adjacent = new int[nodes][];
            for (int n = 0; n < nodes; n++) {
                adjacent[n] = new int[degree[n]];
            }
            int[] filled = new int[nodes];
            for (int i = 0; i < size; i++) {
                adjacent[from[i]][filled[from[i]]++] = to[i];
                adjacent[to[i]][filled[to[i]]++] = from[i];
            }
            for (int n = 0; n < nodes; n++) {
                adjacent[n] = distinctSorted(adjacent[n]);
            }
            return new PeerGraph(adjacent);
        }

        private static int[] distinctSorted(int[] ends) {
            Arrays.sort(ends);
            int kept = 0;
            for (int i = 0; i < ends.length; i++) {
                if (kept == 0 || ends[kept - 1] != ends[i]) {
                    ends[kept++] = ends[i];
                }
            }
            return kept == ends.length ? ends : Arrays.copyOf(ends, kept);
        }
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
