/**
 * The TLS 1.3 transport ("tls") with mutual authentication by node identity keys, over the TCP transport.
 *
 * <p>Exported to everyone: its one package, {@code io.mintp2p.transport.tls}: {@code TlsTransportModule} and
 * {@code NodeKeys} for node builders, {@code TlsTransport} for transport authors. Guice calls the module's
 * package-private provider method, so the package is open to it.
 */
@SuppressWarnings("requires-automatic") // Guice 7 has no descriptor, only a name
module io.mintp2p.transport.tls {
    requires transitive io.mintp2p.transport.tcp;
    requires io.netty.handler;
    requires io.netty.tcnative.classes.openssl;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.slf4j;

    exports io.mintp2p.transport.tls;

    opens io.mintp2p.transport.tls to com.google.guice;

    provides io.mintp2p.core.transport.TransportProvider with io.mintp2p.transport.tls.TlsTransportProvider;
}
