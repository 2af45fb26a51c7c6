package io.mintp2p.it;

import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.Network;

/**
 * Starts the nodes of a {@link Topology} as its {@link Topology.Builder} says: the boot nodes one
 * after the other (each knows the ones before it, by their {@link NodeContainer#bootAddress()}),
 * then the others in parallel, each knowing every boot node. Runs on the caller's thread and blocks
 * until every container is ready; the others start on the common fork-join pool.
 */
final class TopologyLauncher<C extends NodeContainer<?>> {
    private final TopologySpec<C> spec;
    private final Network network;
    private final List<C> started;

    /** {@code started} receives each node once it runs, so that a failure part-way can stop those. */
    TopologyLauncher(TopologySpec<C> spec, Network network, List<C> started) {
        this.spec = spec;
        this.network = network;
        this.started = started;
    }

    void launch() {
        List<String> bootAddresses = new ArrayList<>();
        int boots = Math.min(spec.bootNodes, spec.nodes);
        for (int i = 0; i < boots; i++) {
            C boot = configure(i, bootAddresses);
            boot.start();
            started.add(boot);
            bootAddresses.add(boot.bootAddress());
        }
        List<C> rest = new ArrayList<>();
        for (int i = boots; i < spec.nodes; i++) {
            rest.add(configure(i, bootAddresses));
        }
        rest.parallelStream().forEach(C::start);
        started.addAll(rest);
    }

    private C configure(int i, List<String> boot) {
        String name = "node" + i;
        C n = spec.customize.apply(i, spec.factory().create(i, name, List.copyOf(boot)));
        if (!n.name().equals(name)) {
            // Other nodes reach it by this name: the factory must not pick another.
            throw new IllegalStateException("the factory made node " + i + " named '" + n.name() + "', not '" + name + "'");
        }
        n.withNetwork(network);
        return n;
    }
}
