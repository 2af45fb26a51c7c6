package io.mintp2p.it;

import com.github.dockerjava.api.model.ContainerNetwork;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.Network;

/**
 * The faults a {@link Topology} puts on its network: a partition (a group of nodes moved to a
 * network of its own, then back), degraded links and one-way cuts (through each node's
 * {@link NetworkShaper}). Runs on the caller's thread; each call blocks until Docker (or the
 * shaper's helper container) has applied it.
 */
final class TopologyFaults {
    private static final Logger log = LoggerFactory.getLogger(Topology.class);

    private final Network network;
    /** The network a partitioned group is on, while it is partitioned. */
    private Network side;

    TopologyFaults(Network network) {
        this.network = network;
    }

    void partition(Collection<? extends NodeContainer<?>> group) {
        side = Network.newNetwork();
        move(group, network, side);
        log.info("partitioned {} from the rest", group.stream().map(NodeContainer::name).toList());
    }

    void heal(Collection<? extends NodeContainer<?>> group) {
        move(group, side, network);
        side.close();
        side = null;
        log.info("healed the partition");
    }

    /** Moves each node from one network to the other; its alias comes along, so others find it by name. */
    private static void move(Collection<? extends NodeContainer<?>> group, Network from, Network to) {
        for (NodeContainer<?> n : group) {
            NodeContainer.docker().disconnectFromNetworkCmd().withNetworkId(from.getId())
                    .withContainerId(n.getContainerId()).withForce(true).exec();
            NodeContainer.docker().connectToNetworkCmd().withNetworkId(to.getId()).withContainerId(n.getContainerId())
                    .withContainerNetwork(new ContainerNetwork().withAliases(n.name())).exec();
        }
    }

    void degradeOneWay(NodeContainer<?> from, NodeContainer<?> to, NetworkConditions conditions) {
        from.shaper().setLink(to.name(), to.ipAddresses(), conditions, null);
        to.shaper().setLink(from.name(), from.ipAddresses(), null, conditions);
        log.info("degraded {} -> {}: {}", from.name(), to.name(), conditions);
    }

    void restore(NodeContainer<?> a, NodeContainer<?> b) {
        a.shaper().clearLink(b.name());
        b.shaper().clearLink(a.name());
        log.info("restored {} <-> {}", a.name(), b.name());
    }

    void cutOneWay(NodeContainer<?> from, NodeContainer<?> to) {
        to.shaper().cutFrom(from.name(), from.ipAddresses());
        log.info("cut {} -> {} (the other way still works)", from.name(), to.name());
    }

    void healOneWay(NodeContainer<?> from, NodeContainer<?> to) {
        to.shaper().healFrom(from.name());
        log.info("healed {} -> {}", from.name(), to.name());
    }

    /** Removes the side network of a partition that was never healed. */
    void close() {
        if (side != null) {
            side.close();
            side = null;
        }
    }
}
