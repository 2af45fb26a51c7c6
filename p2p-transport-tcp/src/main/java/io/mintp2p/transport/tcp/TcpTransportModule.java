package io.mintp2p.transport.tcp;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.transport.Transports;

/** Binds the "tcp" transport; timeouts come from the node's {@link P2pConfig}. */
public final class TcpTransportModule extends AbstractModule {
    @Override
    protected void configure() {
        Transports.mapBinder(binder()).addBinding(TcpTransport.SCHEME).to(TcpTransport.class);
    }

    @Provides
    @Singleton
    TcpTransport tcpTransport(P2pConfig config) {
        return new TcpTransport(TcpOptions.from(config));
    }
}
