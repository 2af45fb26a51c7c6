/**
 * The TCP transport ("tcp") on Netty, and the seams the TLS and Tor transports build on.
 *
 * <p>Exported to everyone: its one package, {@code io.mintp2p.transport.tcp}: {@code TcpTransportModule},
 * {@code TcpOptions} and {@code Socks5Proxy} for node builders; {@code TcpTransport}, {@code ChannelSecurity} and
 * {@code DialProxy} for transport authors who wrap it, as TLS and Tor do. Everything else in the package is
 * package-private. Guice calls the module's package-private provider method, so the package is open to it.
 */
@SuppressWarnings("requires-automatic") // Guice 7 has no descriptor, only a name
module io.mintp2p.transport.tcp {
    requires transitive io.mintp2p.core;
    requires transitive io.netty.transport;
    requires io.netty.codec;
    requires io.netty.handler;
    requires io.netty.handler.proxy;
    requires io.netty.resolver;
    requires io.netty.transport.classes.epoll;
    requires org.slf4j;

    exports io.mintp2p.transport.tcp;

    opens io.mintp2p.transport.tcp to com.google.guice;

    provides io.mintp2p.core.transport.TransportProvider with io.mintp2p.transport.tcp.TcpTransportProvider;
}
