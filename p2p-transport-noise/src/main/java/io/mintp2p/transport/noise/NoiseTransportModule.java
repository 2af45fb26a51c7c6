package io.mintp2p.transport.noise;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.transport.Transports;
import io.mintp2p.transport.tcp.DialProxy;
import io.mintp2p.transport.tcp.Socks5Proxy;
import io.mintp2p.transport.tcp.TcpOptions;
import java.util.Optional;

/**
 * Binds the "noise" transport. Its static key lives in {@code <data dir>/keys/noise.key}; without a data dir the
 * node gets a new key at each start. Dials go through the node's {@link Socks5Proxy} when it binds one (as for
 * tcp://), and then each dial uses a fresh static key unless the node binds its own {@link NoiseOptions}
 * ({@code OptionalBinder.newOptionalBinder(binder, NoiseOptions.class).setBinding()}).
 */
public final class NoiseTransportModule extends AbstractModule {
    @Override
    protected void configure() {
        Transports.mapBinder(binder()).addBinding(NoiseTransport.SCHEME).to(NoiseTransport.class);
        OptionalBinder.newOptionalBinder(binder(), Socks5Proxy.class);
        OptionalBinder.newOptionalBinder(binder(), NoiseOptions.class);
    }

    @Provides
    @Singleton
    NoiseTransport noiseTransport(P2pConfig config, Optional<Socks5Proxy> proxy, Optional<NoiseOptions> options) {
        NoiseKeys keys = config.dataDir().map(d -> NoiseKeys.loadOrCreate(d.resolve("keys")))
                .orElseGet(NoiseKeys::ephemeral);
        NoiseOptions noise = options.orElseGet(() -> NoiseOptions.from(config, proxy.isPresent()));
        return new NoiseTransport(TcpOptions.from(config), keys, noise, proxy.map(DialProxy.class::cast));
    }
}
