package io.mintp2p.it;

import java.util.List;

/**
 * Makes the containers of a {@link Topology}: node {@code index}, to be named {@code name} (its network
 * alias), booting from {@code bootAddresses} (the {@link NodeContainer#bootAddress()} of every boot node
 * started before it; empty for the first). The topology puts the container on its network and starts it.
 * <pre>{@code
 * Topology.builder().containers((i, name, boot) -> new CustomNodeContainer(name, "mychain/node:dev")
 *         .withP2pPort(4000).withBootNodes(boot.toArray(String[]::new)).withCommandLine(...))
 * }</pre>
 *
 * @param <C> the container type, which {@link Topology#nodes()} gives back
 */
@FunctionalInterface
public interface NodeFactory<C extends NodeContainer<?>> {
    /**
     * A configured, unstarted container named {@code name}. Called on the thread starting the topology; must not start it.
     *
     * @param index         the node's index, 0 first
     * @param name          its name and network alias
     * @param bootAddresses the boot nodes' addresses
     * @return the container
     */
    C create(int index, String name, List<String> bootAddresses);
}
