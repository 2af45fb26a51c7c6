package io.mintp2p.inmemory;

import com.google.inject.Module;
import io.mintp2p.core.time.EventLoopScheduler;
import io.mintp2p.core.transport.TransportProvider;

/**
 * Makes "mem" available through {@link java.util.ServiceLoader}: one JVM-wide network on real time,
 * for demos and tests of several nodes in one process. Each node gets its own loopback host.
 */
public final class InMemoryTransportProvider implements TransportProvider {
    private static final InMemoryNetwork SHARED = new InMemoryNetwork(new EventLoopScheduler("mintp2p-mem"));

    @Override
    public String scheme() {
        return InMemoryTransport.SCHEME;
    }

    @Override
    public Module module() {
        return new InMemoryTransportModule(SHARED, "127.0.0.1");
    }
}
