package io.mintp2p.it;

import com.github.dockerjava.api.model.ContainerNetwork;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.Network;

/**
 * N nodes on their own Docker network, node0 the boot node of the others, with faults: kill and
 * restart, pause, and partitions (a set of nodes moved to a network of its own, then back).
 */
public final class Topology implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Topology.class);

    private final Network network = Network.newNetwork();
    private final List<P2pNodeContainer> nodes = new ArrayList<>();
    private Network side;

    /** Starts {@code count} nodes; {@code customize} adjusts each (index given) before it starts. */
    public static Topology start(int count, String transport, CustomizeNode customize) {
        Topology t = new Topology();
        try {
            P2pNodeContainer boot = customize.apply(0, new P2pNodeContainer("node0").withNetwork(t.network)
                    .withTransport(transport));
            boot.start();
            t.nodes.add(boot);
            String bootAddress = boot.p2pAddress() + ("tls".equals(transport) ? "#" + boot.identity() : "");
            List<P2pNodeContainer> rest = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                rest.add(customize.apply(i, new P2pNodeContainer("node" + i).withNetwork(t.network)
                        .withTransport(transport).withBootNodes(bootAddress)));
            }
            rest.parallelStream().forEach(P2pNodeContainer::start);
            t.nodes.addAll(rest);
            return t;
        } catch (RuntimeException e) {
            t.close();
            throw e;
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

    public Network network() {
        return network;
    }

    public List<P2pNodeContainer> nodes() {
        return nodes;
    }

    public P2pNodeContainer node(int i) {
        return nodes.get(i);
    }

    /** Adds a node to the running topology (its boot node is node0). */
    public P2pNodeContainer add(P2pNodeContainer node) {
        node.withNetwork(network).start();
        nodes.add(node);
        return node;
    }

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

    /** Connected components of the peer graph among the given nodes, by their container IPs. */
    public static int components(Collection<P2pNodeContainer> among) throws Exception {
        Map<String, String> ipToName = new HashMap<>();
        for (P2pNodeContainer n : among) {
            n.getContainerInfo();
            P2pNodeContainer.docker().inspectContainerCmd(n.getContainerId()).exec().getNetworkSettings().getNetworks()
                    .values().forEach(net -> ipToName.put(net.getIpAddress(), n.name()));
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
        return (int) parent.keySet().stream().map(k -> find(parent, k)).distinct().count();
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
            boolean found = false;
            for (JsonNode m : n.admin().get("messages")) {
                found |= m.get("id").asText().equals(id);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    public static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override
    public void close() {
        for (P2pNodeContainer n : nodes) {
            try {
                n.stop();
            } catch (RuntimeException e) {
                log.warn("stopping {} failed: {}", n.name(), e.toString());
            }
        }
        if (side != null) {
            side.close();
        }
        network.close();
    }

    public static Set<String> names(Collection<P2pNodeContainer> nodes) {
        return Set.copyOf(nodes.stream().map(P2pNodeContainer::name).toList());
    }
}
