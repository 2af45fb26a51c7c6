package io.mintp2p.inmemory;

import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A switchboard for in-memory transports: virtual hosts (IP strings such as "10.0.0.7") with
 * listeners, links with latency, partitions and crashes. Every callback runs on the network's
 * {@link Scheduler}, so a simulation on virtual time is deterministic.
 */
public final class InMemoryNetwork {
    private final Scheduler scheduler;
    private final LatencyModel latency;
    private final Map<String, MemListener> listeners = new HashMap<>();
    private final Map<String, Integer> nextEphemeralPort = new HashMap<>();
    /** By host, so that crashing one host costs that host's connections, not a scan of the whole network. */
    private final Map<String, List<InMemoryTransport>> transports = new HashMap<>();
    private long dialsToNobody;
    /** When set, hosts on different sides cannot reach each other. */
    private List<Set<String>> partition;

    /**
     * A network whose links have no delay.
     *
     * @param scheduler runs every callback and delivery; a {@code VirtualTimeScheduler} for a deterministic run
     */
    public InMemoryNetwork(Scheduler scheduler) {
        this(scheduler, LatencyModel.ZERO);
    }

    /**
     * A network whose links delay frames by {@code latency}.
     *
     * @param scheduler runs every callback and delivery; a {@code VirtualTimeScheduler} for a deterministic run
     * @param latency   the one-way delay of each link
     */
    public InMemoryNetwork(Scheduler scheduler, LatencyModel latency) {
        this.scheduler = scheduler;
        this.latency = latency;
    }

    /**
     * The scheduler every callback of this network runs on. Any thread.
     *
     * @return the scheduler given at construction
     */
    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * A transport for the virtual host {@code ip}; its outbound connections come from that host. Any thread.
     *
     * @param ip the virtual host, such as "10.0.0.7"
     * @return a new transport of that host
     */
    public synchronized InMemoryTransport transportFor(String ip) {
        InMemoryTransport t = new InMemoryTransport(this, ip);
        transports.computeIfAbsent(ip, h -> new ArrayList<>()).add(t);
        return t;
    }

    synchronized void transportClosed(InMemoryTransport t) {
        List<InMemoryTransport> ofHost = transports.get(t.ip());
        if (ofHost != null && ofHost.remove(t) && ofHost.isEmpty()) {
            transports.remove(t.ip());
        }
    }

    /**
     * Dials that found nobody listening (a dead or never existing host): what back-off should make rare. Any thread.
     *
     * @return the count since the network was made
     */
    public synchronized long dialsToNobody() {
        return dialsToNobody;
    }

    private static String key(String host, int port) {
        return host + ":" + port;
    }

    synchronized MemListener bind(InMemoryTransport owner, TransportAddress bind, ConnectionHandler handler) {
        int port = bind.port() == 0 ? ephemeralPort(bind.host()) : bind.port();
        String k = key(bind.host(), port);
        if (listeners.containsKey(k)) {
            throw new TransportException("address already in use: " + k);
        }
        MemListener l = new MemListener(this, owner, TransportAddress.of("mem", bind.host(), port), handler);
        listeners.put(k, l);
        return l;
    }

    synchronized void unbind(MemListener l) {
        listeners.remove(key(l.localAddress().host(), l.localAddress().port()), l);
    }

    private int ephemeralPort(String host) {
        int p = nextEphemeralPort.getOrDefault(host, 40_000);
        nextEphemeralPort.put(host, p + 1 > 65_535 ? 40_000 : p + 1);
        return p;
    }

    /** Connects after one link latency; the server end opens first, then the client's (as SYN / SYN-ACK). */
    CompletableFuture<io.mintp2p.core.transport.Connection> dial(InMemoryTransport from, TransportAddress remote,
                                                                 ConnectionHandler handler) {
        CompletableFuture<io.mintp2p.core.transport.Connection> result = new CompletableFuture<>();
        Duration delay = latency.between(from.ip(), remote.host());
        scheduler.schedule(delay, () -> {
            MemListener listener;
            MemConnection client;
            MemConnection server;
            synchronized (this) {
                listener = listeners.get(key(remote.host(), remote.port()));
                if (listener == null) {
                    dialsToNobody++;
                }
                if (listener == null || !reachable(from.ip(), remote.host()) || from.isClosed()) {
                    result.completeExceptionally(new TransportException("connection refused: " + remote));
                    return;
                }
                TransportAddress clientAddress = TransportAddress.of("mem", from.ip(), ephemeralPort(from.ip()));
                TransportAddress serverAddress = listener.localAddress();
                client = new MemConnection(io.mintp2p.core.transport.ConnectionIds.next(), this, from, Direction.OUTBOUND,
                        clientAddress, serverAddress, delay);
                server = new MemConnection(io.mintp2p.core.transport.ConnectionIds.next(), this, listener.owner(), Direction.INBOUND,
                        serverAddress, clientAddress, delay);
                client.peer = server;
                server.peer = client;
                client.handler = handler;
                server.handler = listener.handler();
                from.track(client);
                listener.owner().track(server);
            }
            if (server.handler.admit(server).isPresent()) {
                server.refuse();
            } else {
                server.handler.onOpen(server);
            }
            scheduler.schedule(delay, () -> {
                if (client.isOpen()) {
                    handler.onOpen(client);
                    result.complete(client);
                } else {
                    result.completeExceptionally(new TransportException("connection to " + remote + " reset"));
                }
            });
        });
        return result;
    }

    synchronized boolean reachable(String a, String b) {
        if (partition == null || a.equals(b)) {
            return true;
        }
        for (Set<String> side : partition) {
            if (side.contains(a)) {
                return side.contains(b);
            }
        }
        return true;
    }

    /**
     * Splits the network: hosts in different sets cannot reach each other; links across are cut. Any thread; the
     * cut connections' handlers hear of it on the scheduler.
     *
     * @param sides disjoint sets of hosts; a host in no set reaches everyone
     */
    public void partition(List<Set<String>> sides) {
        List<Set<String>> copy = new ArrayList<>();
        for (Set<String> s : sides) {
            copy.add(new HashSet<>(s));
        }
        List<MemConnection> toCut = new ArrayList<>();
        synchronized (this) {
            partition = copy;
            for (List<InMemoryTransport> ofHost : transports.values()) {
                for (InMemoryTransport t : ofHost) {
                    for (MemConnection c : t.connections()) {
                        if (c.direction() == Direction.OUTBOUND && !reachable(c.local().host(), c.remote().host())) {
                            toCut.add(c);
                        }
                    }
                }
            }
        }
        CloseReason cut = CloseReason.of(DisconnectReason.IO_ERROR, "network unreachable (partition)");
        toCut.forEach(c -> c.cut(cut, cut));
    }

    /** Ends the partition: every host can dial every other again (cut links stay closed). Any thread. */
    public synchronized void heal() {
        partition = null;
    }

    /**
     * The host dies: its listeners vanish and every connection of it is reset. Any thread; the handlers hear of it
     * on the scheduler.
     *
     * @param ip the virtual host
     */
    public void crash(String ip) {
        List<MemConnection> toCut = new ArrayList<>();
        synchronized (this) {
            for (InMemoryTransport t : transports.getOrDefault(ip, List.of())) {
                t.listeners().forEach(l -> listeners.remove(key(ip, l.localAddress().port()), l));
                toCut.addAll(t.connections());
            }
        }
        toCut.forEach(c -> c.cut(CloseReason.of(DisconnectReason.TRANSPORT_SHUTDOWN), CloseReason.of(DisconnectReason.IO_ERROR, "connection reset by peer")));
    }
}
