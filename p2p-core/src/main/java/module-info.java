/**
 * The protocol core: what a node builder and a transport author program against.
 *
 * <p>Exported to everyone: the node API ({@code node}: {@code P2pNode}, {@code P2pModule}, {@code PeerEvent}, ...),
 * its configuration ({@code config}), message types and their codec ({@code wire}), the transport SPI
 * ({@code transport}), the peers API value types ({@code peers}: {@code PeerId}, {@code BanEntry}, ...) and the
 * schedulers ({@code time}), because {@code P2pModule.withScheduler} is how a builder runs a node on virtual time.
 * The session state machine and admission stay inside. Guice builds the node by reflection, so the node package
 * is open to it.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // Guice 7 has no descriptor, only a name
module io.mintp2p.core {
    requires transitive com.google.guice;
    requires transitive jakarta.inject;
    requires transitive io.netty.buffer;
    requires transitive io.netty.common;
    requires org.slf4j;

    exports io.mintp2p.core.config;
    exports io.mintp2p.core.node;
    exports io.mintp2p.core.peers;
    exports io.mintp2p.core.time;
    exports io.mintp2p.core.transport;
    exports io.mintp2p.core.wire;

    opens io.mintp2p.core.node to com.google.guice;

    uses io.mintp2p.core.transport.TransportProvider;
}
