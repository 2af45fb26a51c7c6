package io.mintp2p.transport.tcp;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.mintp2p.core.config.P2pConfig;
import com.google.inject.multibindings.OptionalBinder;
import io.mintp2p.core.transport.Transports;
import java.util.Optional;

/**
 * Binds the "tcp" transport; timeouts come from the node's {@link P2pConfig}. Dials go through a
 * SOCKS5 proxy when the node binds one ({@code OptionalBinder.newOptionalBinder(binder,
 * Socks5Proxy.class).setBinding()}).
 */
public final class TcpTransportModule extends AbstractModule {
    @Override
    protected void configure() {
        Transports.mapBinder(binder()).addBinding(TcpTransport.SCHEME).to(TcpTransport.class);
        OptionalBinder.newOptionalBinder(binder(), Socks5Proxy.class);
    }

    @Provides
    @Singleton
    TcpTransport tcpTransport(P2pConfig config, Optional<Socks5Proxy> proxy) {
        return new TcpTransport(TcpOptions.from(config), proxy.map(DialProxy.class::cast));
    }
}
