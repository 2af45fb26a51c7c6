package io.mintp2p.inmemory;

import com.google.inject.AbstractModule;
import io.mintp2p.core.transport.Transports;

/** Binds the "mem" transport of one virtual host of {@code network}. */
public final class InMemoryTransportModule extends AbstractModule {
    private final InMemoryNetwork network;
    private final String ip;

    /**
     * Binds a new transport of host {@code ip} when the injector is built.
     *
     * @param network the network the host is on
     * @param ip      the virtual host
     */
    public InMemoryTransportModule(InMemoryNetwork network, String ip) {
        this.network = network;
        this.ip = ip;
    }

    @Override
    protected void configure() {
        Transports.mapBinder(binder()).addBinding(InMemoryTransport.SCHEME).toInstance(network.transportFor(ip));
    }
}
