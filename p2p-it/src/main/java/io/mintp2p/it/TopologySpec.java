package io.mintp2p.it;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Topology} is made of, as its {@link Topology.Builder} sets it: the node counts, the
 * factory of the nodes (the stock node with the stock settings when none was given) and the
 * per-node adjustment. Read by {@link TopologyLauncher} when the topology starts and by the waits;
 * not thread-safe, like the builder that fills it on the test's thread.
 *
 * @param <C> the container type of the nodes
 */
final class TopologySpec<C extends NodeContainer<?>> {
    int nodes = 3;
    int bootNodes = 1;
    /** Null: the stock node. */
    final NodeFactory<C> factory;
    String transport;
    Integer targetOutbound;
    Integer maxInbound;
    Duration pingPeriod;
    Duration pingTimeout;
    Topology.CustomizeNode<C> customize = (i, n) -> n;

    TopologySpec(NodeFactory<C> factory) {
        this.factory = factory;
    }

    /** A spec whose nodes {@code other} makes, with the settings set so far (not the adjustment: it is typed for these nodes). */
    <D extends NodeContainer<?>> TopologySpec<D> withFactory(NodeFactory<D> other) {
        TopologySpec<D> s = new TopologySpec<>(Objects.requireNonNull(other, "factory"));
        s.nodes = nodes;
        s.bootNodes = bootNodes;
        s.transport = transport;
        s.targetOutbound = targetOutbound;
        s.maxInbound = maxInbound;
        s.pingPeriod = pingPeriod;
        s.pingTimeout = pingTimeout;
        return s;
    }

    /** Refuses the stock node settings when a factory makes the nodes. */
    void check() {
        if (factory != null && (transport != null || targetOutbound != null || maxInbound != null || pingPeriod != null)) {
            throw new IllegalStateException("transport, targetOutbound, maxInbound and ping configure the stock node; "
                    + "with containers(factory) the factory configures its containers");
        }
    }

    /** The factory of the nodes: the given one, or the stock node with these settings. */
    @SuppressWarnings("unchecked") // factory null only for TopologySpec<P2pNodeContainer> (Topology.builder())
    NodeFactory<C> factory() {
        return factory != null ? factory : (NodeFactory<C>) (NodeFactory<P2pNodeContainer>) this::stockNode;
    }

    private P2pNodeContainer stockNode(int index, String name, List<String> boot) {
        P2pNodeContainer n = new P2pNodeContainer(name).withTransport(transport != null ? transport : "noise")
                .withBootNodes(boot.toArray(String[]::new));
        if (targetOutbound != null) {
            n.withTargetOutbound(targetOutbound);
        }
        if (maxInbound != null) {
            n.withMaxInbound(maxInbound);
        }
        if (pingPeriod != null) {
            n.withPing(pingPeriod, pingTimeout);
        }
        return n;
    }
}
