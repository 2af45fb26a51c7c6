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
import org.testcontainers.lifecycle.Startable;

/**
 * N nodes on their own Docker network, the first {@code bootNodes} of them the boot nodes of the
 * others, with faults: kill and restart, pause, partitions (a set of nodes moved to a network of its
 * own, then back), degraded links and one-way cuts (see {@link NetworkConditions}).
 * <p>
 * A Testcontainers {@link Startable}, so JUnit can manage it:
 * <pre>{@code
 * @Container
 * static Topology net = Topology.builder().nodes(8).transport("tls").bootNodes(2).targetOutbound(3).build();
 * }</pre>
 * or by hand with {@code start()} and {@code close()}.
 */
public final class Topology implements Startable {
    private static final Logger log = LoggerFactory.getLogger(Topology.class);

    private final Network network = Network.newNetwork();
    private final List<P2pNodeContainer> nodes = new ArrayList<>();
    private final Builder spec;
    private final TopologyFaults faults = new TopologyFaults(network);
    private boolean started;

    private Topology(Builder spec) {
        this.spec = spec;
    }

    /** A builder with the defaults: three TCP nodes, node0 their boot node. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts {@code count} nodes, node0 the boot node; {@code customize} adjusts each (index given) before it starts. */
    public static Topology start(int count, String transport, CustomizeNode customize) {
        Topology t = builder().nodes(count).transport(transport).customize(customize).build();
        t.start();
        return t;
    }

    /** What a topology is made of; {@link #build()} gives it unstarted. Not thread-safe: one test configures it. */
    public static final class Builder {
        int nodes = 3;
        String transport = "tcp";
        int bootNodes = 1;
        Integer targetOutbound;
        Integer maxInbound;
        Duration pingPeriod;
        Duration pingTimeout;
        CustomizeNode customize = (i, n) -> n;

        private Builder() {
        }

        /** How many nodes (default 3), named node0, node1, ... */
        public Builder nodes(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("at least one node");
            }
            this.nodes = n;
            return this;
        }

        /** tcp (default) or tls; with tls, the boot addresses pin the boot nodes' identities. */
        public Builder transport(String scheme) {
            this.transport = scheme;
            return this;
        }

        /** How many of the first nodes are boot nodes (default 1); every other node knows all of them. */
        public Builder bootNodes(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("at least one boot node");
            }
            this.bootNodes = n;
            return this;
        }

        /** --target-outbound of every node; {@link Topology#awaitConverged(Duration)} waits for it. */
        public Builder targetOutbound(int n) {
            this.targetOutbound = n;
            return this;
        }

        /** --max-inbound of every node. */
        public Builder maxInbound(int n) {
            this.maxInbound = n;
            return this;
        }

        /** Keepalive of every node: idle time before a ping and the wait for its pong. */
        public Builder ping(Duration period, Duration timeout) {
            this.pingPeriod = period;
            this.pingTimeout = timeout;
            return this;
        }

        /** Adjusts node {@code index} before it starts, after the settings above. */
        public Builder customize(CustomizeNode customize) {
            this.customize = customize;
            return this;
        }

        /** The topology, not started. */
        public Topology build() {
            return new Topology(this);
        }
    }

    /** Adjusts node {@code index} before it starts. */
    @FunctionalInterface
    public interface CustomizeNode {
        /** Returns the node to start, {@code node} adjusted (or another in its place); on the starting thread. */
        P2pNodeContainer apply(int index, P2pNodeContainer node);

        /** The same adjustment for every node. */
        static CustomizeNode all(UnaryOperator<P2pNodeContainer> f) {
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
            new TopologyLauncher(spec, network, nodes).launch();
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

    /** The Docker network the nodes are on (a partitioned group is elsewhere until healed). */
    public Network network() {
        return network;
    }

    /** The nodes, node0 first; the live list, which a test may remove a node it added from. */
    public List<P2pNodeContainer> nodes() {
        return nodes;
    }

    /** Node {@code i}, named {@code node<i>} on the network. */
    public P2pNodeContainer node(int i) {
        return nodes.get(i);
    }

    /** Adds a node to the running topology, on its network; caller's thread, blocks until it is ready. */
    public P2pNodeContainer add(P2pNodeContainer node) {
        node.withNetwork(network).start();
        nodes.add(node);
        return node;
    }

    // --- faults (see TopologyFaults) -------------------------------------------------------------------

    /**
     * Cuts {@code group} off from the others: moves it to a network of its own (its aliases come
     * along). Caller's thread; blocks until Docker has moved every node.
     */
    public void partition(Collection<P2pNodeContainer> group) {
        faults.partition(group);
    }

    /** Puts the partitioned nodes back on the main network. Caller's thread; blocks until Docker has moved them. */
    public void heal(Collection<P2pNodeContainer> group) {
        faults.heal(group);
    }

    /**
     * Makes the link between {@code a} and {@code b} worse, both ways: each holds what it sends to the
     * other for the latency (so their RTT grows by twice the latency) and loses what arrives from the
     * other with the loss. For this pair it replaces the conditions each node has on its own. A rate
     * limit is per node only ({@link P2pNodeContainer#withNetworkConditions}). The pair is matched by
     * the addresses the nodes have now: after a partition and heal, degrade them again. Caller's
     * thread; blocks until both nodes' rules are in place.
     */
    public void degrade(P2pNodeContainer a, P2pNodeContainer b, NetworkConditions conditions) {
        faults.degradeOneWay(a, b, conditions);
        faults.degradeOneWay(b, a, conditions);
    }

    /**
     * Makes only the direction from {@code from} to {@code to} worse: {@code from} holds what it sends
     * to {@code to} for the latency, {@code to} loses what arrives from {@code from} with the loss.
     * Caller's thread; blocks until both nodes' rules are in place.
     */
    public void degradeOneWay(P2pNodeContainer from, P2pNodeContainer to, NetworkConditions conditions) {
        faults.degradeOneWay(from, to, conditions);
    }

    /** Undoes {@link #degrade} and {@link #degradeOneWay} for this pair, both ways. Caller's thread; blocks. */
    public void restore(P2pNodeContainer a, P2pNodeContainer b) {
        faults.restore(a, b);
    }

    /**
     * Packets from {@code from} to {@code to} are dropped (on arrival at {@code to}, so the sender sees
     * a silent loss); packets from {@code to} to {@code from} still arrive. Undone by
     * {@link #heal(P2pNodeContainer, P2pNodeContainer)}. Caller's thread; blocks until the rule is in place.
     */
    public void cutOneWay(P2pNodeContainer from, P2pNodeContainer to) {
        faults.cutOneWay(from, to);
    }

    /** Lifts the one-way cut from {@code from} to {@code to}. Caller's thread; blocks until the rule is gone. */
    public void heal(P2pNodeContainer from, P2pNodeContainer to) {
        faults.healOneWay(from, to);
    }

    // --- waiting, with the reason on timeout (see TopologyWaits) ----------------------------------------

    /**
     * Waits until every node has its target of outbound peers (capped at the others' count; at least
     * one when the builder set no target) and all are one component. On timeout it fails with the
     * nodes that lack peers and the components it saw. Polls on the caller's thread; blocks.
     */
    public Duration awaitConverged(Duration timeout) {
        int target = spec.targetOutbound != null ? spec.targetOutbound : 1;
        return TopologyWaits.awaitConverged(nodes, target, timeout);
    }

    /**
     * {@link #awaitConverged(Duration)} for some of the nodes, each with at least {@code minOutbound}
     * outbound peers. Polls on the caller's thread; blocks.
     */
    public static Duration awaitConverged(Collection<P2pNodeContainer> among, int minOutbound, Duration timeout) {
        return TopologyWaits.awaitConverged(among, minOutbound, timeout);
    }

    /**
     * Broadcasts {@code payload} once from {@code from} and waits until every node of {@code among}
     * has it. Never sends again: on timeout it fails with the nodes that missed the message. Polls on
     * the caller's thread; blocks.
     */
    public static Duration awaitBroadcastReaches(P2pNodeContainer from, Collection<P2pNodeContainer> among,
            String payload, Duration timeout) {
        return TopologyWaits.awaitBroadcastReaches(from, among, payload, timeout);
    }

    /** {@link #awaitBroadcastReaches(P2pNodeContainer, Collection, String, Duration)} to every node. */
    public Duration awaitBroadcastReaches(P2pNodeContainer from, String payload, Duration timeout) {
        return TopologyWaits.awaitBroadcastReaches(from, nodes, payload, timeout);
    }

    // --- reading the peer graph, once (see PeerGraph); each asks the nodes and blocks until they answer ---

    /** Connected components of the peer graph among the given nodes, by their container IPs. */
    public static int components(Collection<P2pNodeContainer> among) throws Exception {
        return PeerGraph.componentSets(among).size();
    }

    /** The components themselves, as sets of node names. */
    public static List<Set<String>> componentSets(Collection<P2pNodeContainer> among) throws Exception {
        return PeerGraph.componentSets(among);
    }

    /** How many outbound peers {@code n} lists now. */
    public static long outbound(P2pNodeContainer n) throws Exception {
        return PeerGraph.outbound(n);
    }

    /** Every node (of those given) has {@code payloadId} among its gossip messages. */
    public static boolean allReceived(Collection<P2pNodeContainer> among, String id) throws Exception {
        return TopologyWaits.allReceived(among, id);
    }

    /** The wall-clock time since {@code startNanos} (a {@link System#nanoTime()}), for a test's log. */
    public static Duration since(long startNanos) {
        return TopologyWaits.since(startNanos);
    }

    /** Stops every node and removes the networks; caller's thread, blocks until Docker is done. */
    @Override
    public synchronized void close() {
        for (P2pNodeContainer n : nodes) {
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

    /** The names of the given nodes. */
    public static Set<String> names(Collection<P2pNodeContainer> nodes) {
        return Set.copyOf(nodes.stream().map(P2pNodeContainer::name).toList());
    }
}
