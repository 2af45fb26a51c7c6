package io.mintp2p.it;

import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.Network;

/**
 * Starts the nodes of a {@link Topology} as its {@link Topology.Builder} says: the boot nodes one
 * after the other (each knows the ones before it; with TLS their addresses pin their identities),
 * then the others in parallel, each knowing every boot node. Runs on the caller's thread and blocks
 * until every container answers {@code /health}; the others start on the common fork-join pool.
 */
final class TopologyLauncher {
    private final Topology.Builder spec;
    private final Network network;
    private final List<P2pNodeContainer> started;

    /** {@code started} receives each node once it runs, so that a failure part-way can stop those. */
    TopologyLauncher(Topology.Builder spec, Network network, List<P2pNodeContainer> started) {
        this.spec = spec;
        this.network = network;
        this.started = started;
    }

    void launch() {
        List<String> bootAddresses = new ArrayList<>();
        int boots = Math.min(spec.bootNodes, spec.nodes);
        for (int i = 0; i < boots; i++) {
            P2pNodeContainer boot = configure(i, bootAddresses);
            boot.start();
            started.add(boot);
            bootAddresses.add(boot.p2pAddress() + ("tls".equals(spec.transport) ? "#" + boot.identity() : ""));
        }
        List<P2pNodeContainer> rest = new ArrayList<>();
        for (int i = boots; i < spec.nodes; i++) {
            rest.add(configure(i, bootAddresses));
        }
        rest.parallelStream().forEach(P2pNodeContainer::start);
        started.addAll(rest);
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
}
