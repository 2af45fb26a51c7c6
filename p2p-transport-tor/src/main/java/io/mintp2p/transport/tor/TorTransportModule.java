package io.mintp2p.transport.tor;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.transport.Transports;
import io.mintp2p.transport.tcp.TcpOptions;
import java.util.Optional;

/**
 * Binds the "tor" transport. Its endpoints come from a {@link TorOptions} binding when the node
 * gives one ({@code OptionalBinder.newOptionalBinder(binder, TorOptions.class).setBinding()}),
 * else tor's default ports on 127.0.0.1; the onion key lives in {@code <data dir>/tor}.
 */
public final class TorTransportModule extends AbstractModule {
    @Override
    protected void configure() {
        Transports.mapBinder(binder()).addBinding(TorTransport.SCHEME).to(TorTransport.class);
        OptionalBinder.newOptionalBinder(binder(), TorOptions.class);
    }

    @Provides
    @Singleton
    TorTransport torTransport(P2pConfig config, Optional<TorOptions> options) {
        TorOptions tor = options.orElseGet(TorOptions::defaults);
        if (tor.keyDir().isEmpty() && config.dataDir().isPresent()) {
            tor = tor.withKeyDir(config.dataDir().get().resolve("tor"));
        }
        return new TorTransport(TcpOptions.from(config), tor);
    }
}
