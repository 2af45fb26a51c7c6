package io.mintp2p.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.lifecycle.Startable;

/**
 * N nodes on their own Docker network, the first {@code bootNodes} of them the boot nodes of the
 * others, with faults: kill and restart, pause, partitions (a set of nodes moved to a network of its
 * own, then back), degraded links and one-way cuts (see {@link NetworkConditions}).
 * <p>
 * The nodes are the stock mintp2p node ({@link P2pNodeContainer}) by default, or any node: a
 * {@link NodeFactory} makes each container ({@link Builder#containers}). The type parameter is the
 * container type, so {@link #node(int)} gives the user's class back; the faults and network conditions
 * need only {@link NodeContainer}, the waits on the peer graph ({@link #awaitConverged(Duration)}) the
 * stock node's admin API, and {@link #awaitEach} any Testcontainers wait (a log line of the user's node).
 * <p>
 * A Testcontainers {@link Startable}, so JUnit can manage it:
 * <pre>{@code
 * @Container
 * static Topology<P2pNodeContainer> net = Topology.builder().nodes(8).transport("tls").bootNodes(2).targetOutbound(3).build();
 * static Topology<CustomNodeContainer> mine = Topology.builder().nodes(6)
 *         .containers((i, name, boot) -> new CustomNodeContainer(name, "mychain/node:dev").withP2pPort(4000)...).build();
 * }</pre>
 * or by hand with {@code start()} and {@code close()}.
 *
 * @param <C> the container type of the nodes
 */
public final class Topology<C extends NodeContainer<?>> implements Startable {
    private static final Logger log = LoggerFactory.getLogger(Topology.class);

    private final Network network = Network.newNetwork();
    private final List<C> nodes = new ArrayList<>();
    private final TopologySpec<C> spec;
    private final TopologyFaults faults = new TopologyFaults(network);
    private boolean started;

    private Topology(TopologySpec<C> spec) {
        this.spec = spec;
    }

    /**
     * A builder of stock nodes with the defaults: three TCP nodes, node0 their boot node.
     *
     * @return a new builder
     */
    public static Builder<P2pNodeContainer> builder() {
        return new Builder<>(new TopologySpec<>(null));
    }

    /**
     * Starts {@code count} stock nodes, node0 the boot node; {@code customize} adjusts each (index given) before it starts. Blocks.
     *
     * @param count     how many nodes
     * @param transport tcp or tls
     * @param customize adjusts each node
     * @return the started topology
     */
    public static Topology<P2pNodeContainer> start(int count, String transport, CustomizeNode<P2pNodeContainer> customize) {
        Topology<P2pNodeContainer> t = builder().nodes(count).transport(transport).customize(customize).build();
        t.start();
        return t;
    }

    /**
     * What a topology is made of; {@link #build()} gives it unstarted. The settings marked "stock node"
     * configure the default {@link P2pNodeContainer}s; with {@link #containers} the factory configures
     * its containers itself, and {@link #build()} refuses those settings. Not thread-safe: one test
     * configures it.
     *
     * @param <C> the container type of the nodes
     */
    public static final class Builder<C extends NodeContainer<?>> {
        private final TopologySpec<C> spec;

        private Builder(TopologySpec<C> spec) {
            this.spec = spec;
        }

        /**
         * How many nodes (default 3), named node0, node1, ...
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder<C> nodes(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("at least one node");
            }
            spec.nodes = n;
            return this;
        }

        /**
         * How many of the first nodes are boot nodes (default 1); every other node knows all of them.
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder<C> bootNodes(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("at least one boot node");
            }
            spec.bootNodes = n;
            return this;
        }

        /**
         * The nodes are made by {@code factory} instead of being stock nodes; the node count and boot
         * node count set so far stay. Call it before {@link #customize}.
         *
         * @param <D>     the container type
         * @param factory makes each node's container
         * @return a builder of such containers, with the counts set so far
         */
        public <D extends NodeContainer<?>> Builder<D> containers(NodeFactory<D> factory) {
            return new Builder<>(spec.withFactory(factory));
        }

        /**
         * Stock node: tcp (default) or tls; with tls, the boot addresses pin the boot nodes' identities.
         *
         * @param scheme tcp or tls
         * @return this builder
         */
        public Builder<C> transport(String scheme) {
            spec.transport = scheme;
            return this;
        }

        /**
         * Stock node: --target-outbound of every node; {@link Topology#awaitConverged(Duration)} waits for it.
         *
         * @param n outbound peers per node
         * @return this builder
         */
        public Builder<C> targetOutbound(int n) {
            spec.targetOutbound = n;
            return this;
        }

        /**
         * Stock node: --max-inbound of every node.
         *
         * @param n inbound peers per node
         * @return this builder
         */
        public Builder<C> maxInbound(int n) {
            spec.maxInbound = n;
            return this;
        }

        /**
         * Stock node: keepalive of every node, idle time before a ping and the wait for its pong.
         *
         * @param period  idle time before a ping
         * @param timeout the wait for its pong
         * @return this builder
         */
        public Builder<C> ping(Duration period, Duration timeout) {
            spec.pingPeriod = period;
            spec.pingTimeout = timeout;
            return this;
        }

        /**
         * Adjusts node {@code index} before it starts, after the settings above.
         *
         * @param customize called once per node
         * @return this builder
         */
        public Builder<C> customize(CustomizeNode<C> customize) {
            spec.customize = customize;
            return this;
        }

        /**
         * The topology, not started. Does not block.
         *
         * @return the topology
         */
        public Topology<C> build() {
            spec.check();
            return new Topology<>(spec);
        }
    }

    /** Adjusts node {@code index} before it starts. */
    @FunctionalInterface
    public interface CustomizeNode<C extends NodeContainer<?>> {
        /**
         * Returns the node to start, {@code node} adjusted (or another in its place); on the starting thread.
         *
         * @param index the node's index, 0 first
         * @param node  the node as configured so far
         * @return the node to start
         */
        C apply(int index, C node);

        /**
         * The same adjustment for every node.
         *
         * @param <C> the container type
         * @param f   the adjustment
         * @return a customisation ignoring the index
         */
        static <C extends NodeContainer<?>> CustomizeNode<C> all(UnaryOperator<C> f) {
            return (i, n) -> f.apply(n);
        }
    }

    /** Starts the boot nodes one after the other, then the rest in parallel; caller's thread, blocks until all are ready. */
    @Override
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        try {
            new TopologyLauncher<>(spec, network, nodes).launch();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@link #close()}: what Testcontainers calls. */
    @Override
    public void stop() {
        close();
    }

    /**
     * The Docker network the nodes are on (a partitioned group is elsewhere until healed).
     *
     * @return the network
     */
    public Network network() {
        return network;
    }

    /**
     * The nodes, node0 first; the live list, which a test may remove a node it added from.
     *
     * @return the live list
     */
    public List<C> nodes() {
        return nodes;
    }

    /**
     * Node {@code i}, named {@code node<i>} on the network.
     *
     * @param i the index, 0 first
     * @return the node
     */
    public C node(int i) {
        return nodes.get(i);
    }

    /**
     * Adds a node to the running topology, on its network; caller's thread, blocks until it is ready.
     *
     * @param <N>  the container type
     * @param node a container not started
     * @return the node, started
     */
    public <N extends C> N add(N node) {
        node.withNetwork(network).start();
        nodes.add(node);
        return node;
    }

    // --- faults (see TopologyFaults) -------------------------------------------------------------------

    /**
     * Cuts {@code group} off from the others: moves it to a network of its own (its aliases come
     * along). Caller's thread; blocks until Docker has moved every node.
     *
     * @param group the nodes to cut off
     */
    public void partition(Collection<? extends NodeContainer<?>> group) {
        faults.partition(group);
    }

    /**
     * Puts the partitioned nodes back on the main network. Caller's thread; blocks until Docker has moved them.
     *
     * @param group the partitioned nodes
     */
    public void heal(Collection<? extends NodeContainer<?>> group) {
        faults.heal(group);
    }

    /**
     * Makes the link between {@code a} and {@code b} worse, both ways: each holds what it sends to the
     * other for the latency (so their RTT grows by twice the latency) and loses what arrives from the
     * other with the loss. For this pair it replaces the conditions each node has on its own. A rate
     * limit is per node only ({@link NodeContainer#withNetworkConditions}). The pair is matched by
     * the addresses the nodes have now: after a partition and heal, degrade them again. Caller's
     * thread; blocks until both nodes' rules are in place.
     *
     * @param a          one node
     * @param b          the other
     * @param conditions latency and loss for the link
     */
    public void degrade(NodeContainer<?> a, NodeContainer<?> b, NetworkConditions conditions) {
        faults.degradeOneWay(a, b, conditions);
        faults.degradeOneWay(b, a, conditions);
    }

    /**
     * Makes only the direction from {@code from} to {@code to} worse: {@code from} holds what it sends
     * to {@code to} for the latency, {@code to} loses what arrives from {@code from} with the loss.
     * Caller's thread; blocks until both nodes' rules are in place.
     *
     * @param from       the sending node
     * @param to         the receiving node
     * @param conditions latency and loss for that direction
     */
    public void degradeOneWay(NodeContainer<?> from, NodeContainer<?> to, NetworkConditions conditions) {
        faults.degradeOneWay(from, to, conditions);
    }

    /**
     * Undoes {@link #degrade} and {@link #degradeOneWay} for this pair, both ways. Caller's thread; blocks.
     *
     * @param a one node
     * @param b the other
     */
    public void restore(NodeContainer<?> a, NodeContainer<?> b) {
        faults.restore(a, b);
    }

    /**
     * Packets from {@code from} to {@code to} are dropped (on arrival at {@code to}, so the sender sees
     * a silent loss); packets from {@code to} to {@code from} still arrive. Undone by
     * {@link #heal(NodeContainer, NodeContainer)}. Caller's thread; blocks until the rule is in place.
     *
     * @param from the sending node
     * @param to   the receiving node
     */
    public void cutOneWay(NodeContainer<?> from, NodeContainer<?> to) {
        faults.cutOneWay(from, to);
    }

    /**
     * Lifts the one-way cut from {@code from} to {@code to}. Caller's thread; blocks until the rule is gone.
     *
     * @param from the sending node
     * @param to   the receiving node
     */
    public void heal(NodeContainer<?> from, NodeContainer<?> to) {
        faults.healOneWay(from, to);
    }

    // --- waiting, with the reason on timeout (see TopologyWaits) ----------------------------------------

    /**
     * Waits until every node has its target of outbound peers (capped at the others' count; at least
     * one when the builder set no target) and all are one component. On timeout it fails with the
     * nodes that lack peers and the components it saw. Needs the stock node's admin API: with nodes of
     * another kind use {@link #awaitEach}. Polls on the caller's thread; blocks.
     *
     * @throws UnsupportedOperationException if a node is not a {@link P2pNodeContainer}
     * @param timeout how long to wait
     * @return how long it took
     */
    public Duration awaitConverged(Duration timeout) {
        int target = spec.targetOutbound != null ? spec.targetOutbound : 1;
        return TopologyWaits.awaitConverged(TopologyWaits.stockNodes(nodes), target, timeout);
    }

    /**
     * Waits until {@code condition} holds for every node, one after the other, within {@code timeout} in
     * all: any Testcontainers wait, e.g. {@code Wait.forLogMessage(".*peers=5.*", 1)} for a node that logs
     * its peer count. On the caller's thread; blocks.
     *
     * @return how long it took
     * @throws org.testcontainers.containers.ContainerLaunchException (from the wait) if a node missed the deadline
     * @param condition the wait each node must pass
     * @param timeout   for all nodes together
     */
    public Duration awaitEach(WaitStrategy condition, Duration timeout) {
        return TopologyWaits.awaitEach(nodes, condition, timeout);
    }

    /**
     * {@link #awaitConverged(Duration)} for some of the nodes, each with at least {@code minOutbound}
     * outbound peers. Polls on the caller's thread; blocks.
     *
     * @param among       the nodes
     * @param minOutbound outbound peers each must have
     * @param timeout     how long to wait
     * @return how long it took
     */
    public static Duration awaitConverged(Collection<P2pNodeContainer> among, int minOutbound, Duration timeout) {
        return TopologyWaits.awaitConverged(among, minOutbound, timeout);
    }

    /**
     * Broadcasts {@code payload} once from {@code from} and waits until every node of {@code among}
     * has it. Never sends again: on timeout it fails with the nodes that missed the message. Polls on
     * the caller's thread; blocks.
     *
     * @param from    the node that broadcasts
     * @param among   the nodes that must receive it
     * @param payload the text
     * @param timeout how long to wait
     * @return how long it took
     */
    public static Duration awaitBroadcastReaches(P2pNodeContainer from, Collection<P2pNodeContainer> among,
            String payload, Duration timeout) {
        return TopologyWaits.awaitBroadcastReaches(from, among, payload, timeout);
    }

    /**
     * {@link #awaitBroadcastReaches(P2pNodeContainer, Collection, String, Duration)} to every node.
     *
     * @param from    the node that broadcasts
     * @param payload the text
     * @param timeout how long to wait
     * @return how long it took
     */
    public Duration awaitBroadcastReaches(P2pNodeContainer from, String payload, Duration timeout) {
        return TopologyWaits.awaitBroadcastReaches(from, TopologyWaits.stockNodes(nodes), payload, timeout);
    }

    // --- reading the peer graph, once (see PeerGraph); each asks the nodes and blocks until they answer ---

    /**
     * Connected components of the peer graph among the given nodes, by their container IPs.
     *
     * @param among the nodes
     * @return 1 when they are connected
     * @throws Exception if a node's admin API does not answer
     */
    public static int components(Collection<P2pNodeContainer> among) throws Exception {
        return PeerGraph.componentSets(among).size();
    }

    /**
     * The components themselves, as sets of node names.
     *
     * @param among the nodes
     * @return one set per component
     * @throws Exception if a node's admin API does not answer
     */
    public static List<Set<String>> componentSets(Collection<P2pNodeContainer> among) throws Exception {
        return PeerGraph.componentSets(among);
    }

    /**
     * How many outbound peers {@code n} lists now.
     *
     * @param n the node
     * @return the count
     * @throws Exception if the node's admin API does not answer
     */
    public static long outbound(P2pNodeContainer n) throws Exception {
        return PeerGraph.outbound(n);
    }

    /**
     * Every node (of those given) has the message {@code id} among its gossip messages.
     *
     * @param among the nodes
     * @param id    the message's id
     * @return true if each has it
     * @throws Exception if a node's admin API does not answer
     */
    public static boolean allReceived(Collection<P2pNodeContainer> among, String id) throws Exception {
        return TopologyWaits.allReceived(among, id);
    }

    /**
     * The wall-clock time since {@code startNanos} (a {@link System#nanoTime()}), for a test's log.
     *
     * @param startNanos a {@code System.nanoTime()} reading
     * @return the time since
     */
    public static Duration since(long startNanos) {
        return TopologyWaits.since(startNanos);
    }

    /** Stops every node and removes the networks; caller's thread, blocks until Docker is done. */
    @Override
    public synchronized void close() {
        for (C n : nodes) {
            try {
                n.stop();
            } catch (RuntimeException e) {
                log.warn("stopping {} failed: {}", n.name(), e.toString());
            }
        }
        nodes.clear();
        faults.close();
        network.close();
    }

    /**
     * The names of the given nodes.
     *
     * @param nodes the nodes
     * @return their names
     */
    public static Set<String> names(Collection<? extends NodeContainer<?>> nodes) {
        return Set.copyOf(nodes.stream().map(NodeContainer::name).toList());
    }
}
