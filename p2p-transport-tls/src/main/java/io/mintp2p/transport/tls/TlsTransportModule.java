package io.mintp2p.transport.tls;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.transport.Transports;
import io.mintp2p.transport.tcp.TcpOptions;

/**
 * Binds the "tls" transport. Its key lives in {@code <data dir>/keys}; without a data dir the node
 * gets a new identity at each start.
 */
public final class TlsTransportModule extends AbstractModule {
    @Override
    protected void configure() {
        Transports.mapBinder(binder()).addBinding(TlsTransport.SCHEME).to(TlsTransport.class);
    }

    @Provides
    @Singleton
    TlsTransport tlsTransport(P2pConfig config) {
        NodeKeys keys = config.dataDir().map(d -> NodeKeys.loadOrCreate(d.resolve("keys"))).orElseGet(NodeKeys::ephemeral);
        return new TlsTransport(TcpOptions.from(config), keys, config.handshakeTimeout());
    }
}
