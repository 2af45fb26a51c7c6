/**
 * The in-process transport ("mem") and the deterministic simulator built on it.
 *
 * <p>Exported to everyone: the transport ({@code InMemoryNetwork}, {@code InMemoryTransportModule},
 * {@code LatencyModel}) and the simulator ({@code sim}: {@code Simulation}, {@code SimNode}), which a node builder
 * uses to test a node on virtual time, with its tools for whole networks: public addresses over many /16s
 * ({@code PublicIps}, {@code PublicNetwork}), figures of the connection graph ({@code PeerGraph},
 * {@code OutboundTargetWatch}) and attacker hosts that speak the wire protocol ({@code WireHost},
 * {@code AddressFloodAttack}).
 */
module io.mintp2p.inmemory {
    requires transitive io.mintp2p.core;

    exports io.mintp2p.inmemory;
    exports io.mintp2p.inmemory.sim;

    provides io.mintp2p.core.transport.TransportProvider with io.mintp2p.inmemory.InMemoryTransportProvider;
}
