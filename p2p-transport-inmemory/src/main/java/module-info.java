/**
 * The in-process transport ("mem") and the deterministic simulator built on it.
 *
 * <p>Exported to everyone: the transport ({@code InMemoryNetwork}, {@code InMemoryTransportModule},
 * {@code LatencyModel}) and the simulator ({@code sim}: {@code Simulation}, {@code SimNode}), which a node builder
 * uses to test a node on virtual time.
 */
module io.mintp2p.inmemory {
    requires transitive io.mintp2p.core;

    exports io.mintp2p.inmemory;
    exports io.mintp2p.inmemory.sim;

    provides io.mintp2p.core.transport.TransportProvider with io.mintp2p.inmemory.InMemoryTransportProvider;
}
