package io.mintp2p.inmemory;

import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.Listener;
import io.mintp2p.core.transport.TransportAddress;

/** A bound in-memory listening address. */
final class MemListener implements Listener {
    private final InMemoryNetwork network;
    private final InMemoryTransport owner;
    private final TransportAddress address;
    private final ConnectionHandler handler;

    MemListener(InMemoryNetwork network, InMemoryTransport owner, TransportAddress address, ConnectionHandler handler) {
        this.network = network;
        this.owner = owner;
        this.address = address;
        this.handler = handler;
    }

    InMemoryTransport owner() {
        return owner;
    }

    ConnectionHandler handler() {
        return handler;
    }

    @Override
    public TransportAddress localAddress() {
        return address;
    }

    @Override
    public void close() {
        network.unbind(this);
    }
}
