/**
 * The Tor transport ("tor"): dials through tor's SOCKS5 port, accepts through an onion service.
 *
 * <p>Exported to everyone: its one package, {@code io.mintp2p.transport.tor}: {@code TorTransportModule} and
 * {@code TorOptions} for node builders, {@code TorTransport} for transport authors. Guice calls the module's
 * package-private provider method, so the package is open to it.
 */
@SuppressWarnings("requires-automatic") // Guice 7 and jtorctl 0.5 have no descriptor
module io.mintp2p.transport.tor {
    requires transitive io.mintp2p.transport.tcp;
    requires io.netty.handler.proxy;
    requires jtorctl;
    requires org.slf4j;

    exports io.mintp2p.transport.tor;

    opens io.mintp2p.transport.tor to com.google.guice;

    provides io.mintp2p.core.transport.TransportProvider with io.mintp2p.transport.tor.TorTransportProvider;
}
