package io.mintp2p.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.ContainerNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    private Network side;
    private boolean started;

    private Topology(Builder spec) {
        this.spec = spec;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts {@code count} nodes, node0 the boot node; {@code customize} adjusts each (index given) before it starts. */
    public static Topology start(int count, String transport, CustomizeNode customize) {
        Topology t = builder().nodes(count).transport(transport).customize(customize).build();
        t.start();
        return t;
    }

    /** What a topology is made of; {@link #build()} gives it unstarted. */
    public static final class Builder {
        private int nodes = 3;
        private String transport = "tcp";
        private int bootNodes = 1;
        private Integer targetOutbound;
        private Integer maxInbound;
        private Duration pingPeriod;
        private Duration pingTimeout;
        private CustomizeNode customize = (i, n) -> n;

        private Builder() {
        }

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

        public Topology build() {
            return new Topology(this);
        }
    }

    /** Adjusts node {@code index} before it starts. */
    @FunctionalInterface
    public interface CustomizeNode {
        P2pNodeContainer apply(int index, P2pNodeContainer node);

        static CustomizeNode all(UnaryOperator<P2pNodeContainer> f) {
            return (i, n) -> f.apply(n);
        }
    }

    private P2pNodeContainer configure(int i, List<String> boot) {
        P2pNodeContainer n = new P2pNodeContainer("node" + i).withNetwork(network).withTransport(spec.transport)
                .withBootNodes(boot.toArray(String[]::new));
        if (spec.targetOutbound != null) {
            n.withTargetOutbound(spec.targetOutbound);
        }
        if (spec.maxInbound != null) {
            n.withMaxInbound(spec.maxInbound);
        }
        if (spec.pingPeriod != null) {
            n.withPing(spec.pingPeriod, spec.pingTimeout);
        }
        return spec.customize.apply(i, n);
    }

    /** Starts the boot nodes one after the other, then the rest in parallel. */
    @Override
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        try {
            List<String> bootAddresses = new ArrayList<>();
            int boots = Math.min(spec.bootNodes, spec.nodes);
            for (int i = 0; i < boots; i++) {
                P2pNodeContainer boot = configure(i, bootAddresses);
                boot.start();
                nodes.add(boot);
                bootAddresses.add(boot.p2pAddress() + ("tls".equals(spec.transport) ? "#" + boot.identity() : ""));
            }
            List<P2pNodeContainer> rest = new ArrayList<>();
            for (int i = boots; i < spec.nodes; i++) {
                rest.add(configure(i, bootAddresses));
            }
            rest.parallelStream().forEach(P2pNodeContainer::start);
            nodes.addAll(rest);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void stop() {
        close();
    }

    public Network network() {
        return network;
    }

    public List<P2pNodeContainer> nodes() {
        return nodes;
    }

    public P2pNodeContainer node(int i) {
        return nodes.get(i);
    }

    /** Adds a node to the running topology, on its network. */
    public P2pNodeContainer add(P2pNodeContainer node) {
        node.withNetwork(network).start();
        nodes.add(node);
        return node;
    }

    // --- faults --------------------------------------------------------------------------------------------

    /** Cuts {@code group} off from the others: moves it to a network of its own (its aliases come along). */
    public void partition(Collection<P2pNodeContainer> group) {
        side = Network.newNetwork();
        for (P2pNodeContainer n : group) {
            P2pNodeContainer.docker().disconnectFromNetworkCmd().withNetworkId(network.getId())
                    .withContainerId(n.getContainerId()).withForce(true).exec();
            P2pNodeContainer.docker().connectToNetworkCmd().withNetworkId(side.getId()).withContainerId(n.getContainerId())
                    .withContainerNetwork(new ContainerNetwork().withAliases(n.name())).exec();
        }
        log.info("partitioned {} from the rest", group.stream().map(P2pNodeContainer::name).toList());
    }

    /** Puts the partitioned nodes back on the main network. */
    public void heal(Collection<P2pNodeContainer> group) {
        for (P2pNodeContainer n : group) {
            P2pNodeContainer.docker().disconnectFromNetworkCmd().withNetworkId(side.getId())
                    .withContainerId(n.getContainerId()).withForce(true).exec();
            P2pNodeContainer.docker().connectToNetworkCmd().withNetworkId(network.getId()).withContainerId(n.getContainerId())
                    .withContainerNetwork(new ContainerNetwork().withAliases(n.name())).exec();
        }
        side.close();
        side = null;
        log.info("healed the partition");
    }

    /**
     * Makes the link between {@code a} and {@code b} worse, both ways: each holds what it sends to the
     * other for the latency (so their RTT grows by twice the latency) and loses what arrives from the
     * other with the loss. For this pair it replaces the conditions each node has on its own. A rate
     * limit is per node only ({@link P2pNodeContainer#withNetworkConditions}). The pair is matched by
     * the addresses the nodes have now: after a partition and heal, degrade them again.
     */
    public void degrade(P2pNodeContainer a, P2pNodeContainer b, NetworkConditions conditions) {
        degradeOneWay(a, b, conditions);
        degradeOneWay(b, a, conditions);
    }

    /**
     * Makes only the direction from {@code from} to {@code to} worse: {@code from} holds what it sends
     * to {@code to} for the latency, {@code to} loses what arrives from {@code from} with the loss.
     */
    public void degradeOneWay(P2pNodeContainer from, P2pNodeContainer to, NetworkConditions conditions) {
        from.shaper().setLink(to.name(), to.ipAddresses(), conditions, null);
        to.shaper().setLink(from.name(), from.ipAddresses(), null, conditions);
        log.info("degraded {} -> {}: {}", from.name(), to.name(), conditions);
    }

    /** Undoes {@link #degrade} and {@link #degradeOneWay} for this pair, both ways. */
    public void restore(P2pNodeContainer a, P2pNodeContainer b) {
        a.shaper().clearLink(b.name());
        b.shaper().clearLink(a.name());
        log.info("restored {} <-> {}", a.name(), b.name());
    }

    /**
     * Packets from {@code from} to {@code to} are dropped (on arrival at {@code to}, so the sender sees
     * a silent loss); packets from {@code to} to {@code from} still arrive. Undone by {@link #heal(P2pNodeContainer, P2pNodeContainer)}.
     */
    public void cutOneWay(P2pNodeContainer from, P2pNodeContainer to) {
        to.shaper().cutFrom(from.name(), from.ipAddresses());
        log.info("cut {} -> {} (the other way still works)", from.name(), to.name());
    }

    /** Lifts the one-way cut from {@code from} to {@code to}. */
    public void heal(P2pNodeContainer from, P2pNodeContainer to) {
        to.shaper().healFrom(from.name());
        log.info("healed {} -> {}", from.name(), to.name());
    }

    // --- waiting, with the reason on timeout ---------------------------------------------------------------

    /**
     * Waits until every node has its target of outbound peers (capped at the others' count; at least
     * one when the builder set no target) and all are one component. On timeout it fails with the
     * nodes that lack peers and the components it saw.
     */
    public Duration awaitConverged(Duration timeout) {
        int target = spec.targetOutbound != null ? spec.targetOutbound : 1;
        return awaitConverged(nodes, target, timeout);
    }

    /** {@link #awaitConverged(Duration)} for some of the nodes, each with at least {@code minOutbound} outbound peers. */
    public static Duration awaitConverged(Collection<P2pNodeContainer> among, int minOutbound, Duration timeout) {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        int need = Math.min(minOutbound, among.size() - 1);
        String missing = "";
        while (true) {
            try {
                Map<String, String> lacking = new TreeMap<>();
                for (P2pNodeContainer n : among) {
                    long out = outbound(n);
                    if (out < need) {
                        lacking.put(n.name(), out + "/" + need + " outbound");
                    }
                }
                List<Set<String>> parts = componentSets(among);
                if (lacking.isEmpty() && parts.size() == 1) {
                    Duration took = since(t0);
                    log.info("{} nodes converged in {} ms", among.size(), took.toMillis());
                    return took;
                }
                missing = (lacking.isEmpty() ? "" : "nodes lacking peers: " + lacking + "; ")
                        + parts.size() + " component(s): " + parts;
            } catch (Exception e) {
                missing = "asking the nodes failed: " + e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not converged within " + timeout.toSeconds() + " s: " + missing
                        + "; what each node sees:\n" + String.join("\n", among.stream().map(Topology::describe).toList()));
            }
            sleep(Duration.ofMillis(500));
        }
    }

    /**
     * One line on what a node sees, for failure messages (CI keeps only the end of the output): its
     * addresses, its links with their purpose, its address book and the addresses it refuses.
     */
    static String describe(P2pNodeContainer n) {
        try {
            StringBuilder b = new StringBuilder(n.name()).append(' ').append(n.ipAddresses()).append(": links [");
            for (JsonNode p : n.admin().get("peers")) {
                b.append(p.get("direction").asText().startsWith("OUT") ? "out " : "in ")
                        .append(p.path("purpose").asText("-")).append(' ').append(p.get("address").asText()).append(", ");
            }
            b.append("]; book [");
            for (JsonNode e : n.admin().get("addresses").get("entries")) {
                b.append(e.get("address").asText()).append(e.get("tried").asBoolean() ? " tried" : " new")
                        .append(" failures ").append(e.get("failures").asInt()).append(", ");
            }
            b.append("]; refused [");
            for (JsonNode ban : n.admin().get("bans")) {
                b.append(ban.get("address").asText()).append(" (").append(ban.get("reason").asText()).append("), ");
            }
            return b.append(']').toString();
        } catch (Exception e) {
            return n.name() + ": did not answer (" + e.getMessage() + ")";
        }
    }

    /**
     * Broadcasts {@code payload} once from {@code from} and waits until every node of {@code among}
     * has it. Never sends again: on timeout it fails with the nodes that missed the message.
     */
    public static Duration awaitBroadcastReaches(P2pNodeContainer from, Collection<P2pNodeContainer> among,
            String payload, Duration timeout) {
        long t0 = System.nanoTime();
        String id;
        try {
            id = from.admin().post("broadcast", Map.of("payload", payload)).get("id").asText();
        } catch (Exception e) {
            throw new AssertionError("broadcast from " + from.name() + " failed: " + e, e);
        }
        long deadline = t0 + timeout.toNanos();
        Map<String, String> missed = new LinkedHashMap<>();
        while (true) {
            missed.clear();
            for (P2pNodeContainer n : among) {
                try {
                    if (!hasMessage(n, id)) {
                        missed.put(n.name(), "not received");
                    }
                } catch (Exception e) {
                    missed.put(n.name(), "did not answer: " + e.getMessage());
                }
            }
            if (missed.isEmpty()) {
                Duration took = since(t0);
                log.info("broadcast '{}' from {} reached {} nodes in {} ms", shortened(payload), from.name(), among.size(),
                        took.toMillis());
                return took;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("broadcast '" + shortened(payload) + "' (" + id + ") from " + from.name() + " missed "
                        + missed.size() + " of " + among.size() + " nodes within " + timeout.toMillis() + " ms: " + missed);
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /** {@link #awaitBroadcastReaches(P2pNodeContainer, Collection, String, Duration)} to every node. */
    public Duration awaitBroadcastReaches(P2pNodeContainer from, String payload, Duration timeout) {
        return awaitBroadcastReaches(from, nodes, payload, timeout);
    }

    private static String shortened(String payload) {
        return payload.length() <= 60 ? payload : payload.substring(0, 40) + "... (" + payload.length() + " characters)";
    }

    private static boolean hasMessage(P2pNodeContainer n, String id) throws Exception {
        for (JsonNode m : n.admin().get("messages")) {
            if (m.get("id").asText().equals(id)) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- reading the peer graph ----------------------------------------------------------------------------

    /** Connected components of the peer graph among the given nodes, by their container IPs. */
    public static int components(Collection<P2pNodeContainer> among) throws Exception {
        return componentSets(among).size();
    }

    /** The components themselves, as sets of node names. */
    public static List<Set<String>> componentSets(Collection<P2pNodeContainer> among) throws Exception {
        Map<String, String> ipToName = new HashMap<>();
        for (P2pNodeContainer n : among) {
            for (String ip : n.ipAddresses()) {
                ipToName.put(ip, n.name());
            }
        }
        Map<String, String> parent = new HashMap<>();
        among.forEach(n -> parent.put(n.name(), n.name()));
        for (P2pNodeContainer n : among) {
            for (JsonNode p : n.admin().get("peers")) {
                String host = p.get("address").asText().replaceFirst("^\\w+://", "").replaceFirst(":\\d+(#.*)?$", "");
                String other = ipToName.getOrDefault(host, parent.containsKey(host) ? host : null);
                if (other != null) {
                    parent.put(find(parent, n.name()), find(parent, other));
                }
            }
        }
        Map<String, Set<String>> byRoot = new TreeMap<>();
        for (String k : parent.keySet()) {
            byRoot.computeIfAbsent(find(parent, k), r -> new java.util.TreeSet<>()).add(k);
        }
        return new ArrayList<>(byRoot.values());
    }

    private static String find(Map<String, String> parent, String x) {
        while (!parent.get(x).equals(x)) {
            x = parent.get(x);
        }
        return x;
    }

    public static long outbound(P2pNodeContainer n) throws Exception {
        long count = 0;
        for (JsonNode p : n.admin().get("peers")) {
            if (p.get("direction").asText().equals("OUTBOUND")) {
                count++;
            }
        }
        return count;
    }

    /** Every node (of those given) has {@code payloadId} among its gossip messages. */
    public static boolean allReceived(Collection<P2pNodeContainer> among, String id) throws Exception {
        for (P2pNodeContainer n : among) {
            if (!hasMessage(n, id)) {
                return false;
            }
        }
        return true;
    }

    public static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

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
        if (side != null) {
            side.close();
            side = null;
        }
        network.close();
    }

    public static Set<String> names(Collection<P2pNodeContainer> nodes) {
        return Set.copyOf(nodes.stream().map(P2pNodeContainer::name).toList());
    }
}
