package io.mintp2p.inmemory;

import com.google.inject.AbstractModule;
import io.mintp2p.core.transport.Transports;

/** Binds the "mem" transport of one virtual host of {@code network}. */
public final class InMemoryTransportModule extends AbstractModule {
    private final InMemoryNetwork network;
    private final String ip;

    public InMemoryTransportModule(InMemoryNetwork network, String ip) {
        this.network = network;
        this.ip = ip;
    }

    @Override
    protected void configure() {
        Transports.mapBinder(binder()).addBinding(InMemoryTransport.SCHEME).toInstance(network.transportFor(ip));
    }
}
