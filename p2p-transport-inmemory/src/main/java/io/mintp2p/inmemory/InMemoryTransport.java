package io.mintp2p.inmemory;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.Listener;
import io.mintp2p.core.transport.Transport;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.transport.TransportException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The "mem" transport of one virtual host on an {@link InMemoryNetwork}. */
public final class InMemoryTransport implements Transport {
    /** The address scheme, {@code mem}. */
    public static final String SCHEME = "mem";

    private final InMemoryNetwork network;
    private final String ip;
    private final Set<MemConnection> connections = new LinkedHashSet<>();
    private final List<MemListener> listeners = new ArrayList<>();
    private boolean closed;

    InMemoryTransport(InMemoryNetwork network, String ip) {
        this.network = network;
        this.ip = ip;
    }

    /**
     * The virtual host this transport belongs to. Any thread.
     *
     * @return the host's IP string
     */
    public String ip() {
        return ip;
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public CompletableFuture<Listener> listen(TransportAddress bind, ConnectionHandler handler) {
        if (!SCHEME.equals(bind.scheme())) {
            return CompletableFuture.failedFuture(new TransportException("not a mem:// address: " + bind));
        }
        try {
            MemListener l = network.bind(this, bind, handler);
            synchronized (this) {
                listeners.add(l);
            }
            return CompletableFuture.completedFuture(l);
        } catch (TransportException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Connection> dial(TransportAddress remote, ConnectionHandler handler) {
        if (!SCHEME.equals(remote.scheme())) {
            return CompletableFuture.failedFuture(new TransportException("not a mem:// address: " + remote));
        }
        if (isClosed()) {
            return CompletableFuture.failedFuture(new TransportException("transport closed"));
        }
        return network.dial(this, remote, handler);
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized void track(MemConnection c) {
        connections.add(c);
    }

    synchronized void forget(MemConnection c) {
        connections.remove(c);
    }

    synchronized List<MemConnection> connections() {
        return new ArrayList<>(connections);
    }

    synchronized List<MemListener> listeners() {
        return new ArrayList<>(listeners);
    }

    @Override
    public void close() {
        List<MemConnection> open;
        List<MemListener> bound;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(connections);
            bound = new ArrayList<>(listeners);
        }
        bound.forEach(MemListener::close);
        open.forEach(c -> c.cut(CloseReason.of(DisconnectReason.TRANSPORT_SHUTDOWN), CloseReason.of(DisconnectReason.PEER_CLOSED)));
        network.transportClosed(this);
    }
}
