package io.mintp2p.core.admission;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.DisconnectReason;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Admission control for inbound connections, consulted by transports at accept, before any TLS or
 * decoding. Every connection that has not finished the protocol handshake (or that is only being
 * served addresses before it is dropped) holds a pending slot. Slots are a scarce, fairly shared
 * resource:
 * <ul>
 *   <li>banned addresses are refused outright; discouraged ones only get a slot while fewer than
 *       half are taken, and never push anyone out;</li>
 *   <li>at most {@link AdmissionLimits#perHost()} per IP;</li>
 *   <li>when the node or the newcomer's group is full, the newcomer takes the slot of the oldest
 *       pending connection of a more crowded group, or else of a more crowded host in its own group,
 *       silent ones (no frame yet) first (so a flood from some addresses never locks out others: an
 *       honest newcomer is the least crowded and says Hello at once, the flood's idle sockets are
 *       silent and old); when nobody is more crowded than the newcomer, it is refused.</li>
 * </ul>
 * Thread-safe: transports admit on their threads, the node releases on its own.
 */
public final class PendingConnections {
    private record Entry(Connection connection, Source source, long sequence) {
    }

    /** Pending connections of one group, per host, oldest first. */
    private static final class Group {
        final Map<String, ArrayDeque<Entry>> byHost = new HashMap<>();
        int size;

        int hostCount(String host) {
            ArrayDeque<Entry> q = byHost.get(host);
            return q == null ? 0 : q.size();
        }

        /**
         * Among the hosts with the most pending connections, the entry to give up: the oldest that has
         * not delivered a single frame yet (an honest peer says Hello at once; a flood's sockets sit
         * silent), else the oldest.
         */
        Entry victimOfMostCrowdedHost() {
            Entry best = null;
            int bestCount = 0;
            for (ArrayDeque<Entry> q : byHost.values()) {
                Entry candidate = victimOf(q);
                if (q.size() > bestCount || (q.size() == bestCount && yieldsBefore(candidate, best))) {
                    best = candidate;
                    bestCount = q.size();
                }
            }
            return best;
        }

        private static Entry victimOf(ArrayDeque<Entry> q) {
            for (Entry e : q) {
                if (e.connection().bytesIn() == 0) {
                    return e;
                }
            }
            return q.peekFirst();
        }

        private static boolean yieldsBefore(Entry a, Entry b) {
            boolean aSilent = a.connection().bytesIn() == 0;
            boolean bSilent = b.connection().bytesIn() == 0;
            if (aSilent != bSilent) {
                return aSilent;
            }
            return a.sequence() < b.sequence();
        }
    }

    private final AdmissionLimits limits;
    private final Predicate<InetAddress> banned;
    private final Predicate<InetAddress> discouraged;
    private final Map<Long, Entry> byId = new HashMap<>();
    private final Map<String, Group> groups = new HashMap<>();
    private long sequence;
    private long evictions;
    private long refusals;

    public PendingConnections(AdmissionLimits limits, Predicate<InetAddress> banned, Predicate<InetAddress> discouraged) {
        this.limits = limits;
        this.banned = banned;
        this.discouraged = discouraged;
    }

    /**
     * Takes a slot for a just-accepted connection, or says why not. When the newcomer takes another
     * connection's slot, that one is closed with {@link DisconnectReason#PENDING_EVICTED}.
     */
    public Optional<CloseReason> admit(Connection connection) {
        Source source = Source.of(connection.remote());
        if (source.ip().isPresent() && banned.test(source.ip().get())) {
            return refused(DisconnectReason.BANNED);
        }
        boolean isDiscouraged = source.ip().isPresent() && discouraged.test(source.ip().get());
        Entry victim;
        synchronized (this) {
            Group group = groups.get(source.group());
            int hostCount = group == null ? 0 : group.hostCount(source.host());
            int groupCount = group == null ? 0 : group.size;
            if (hostCount >= limits.perHost()) {
                return refused(DisconnectReason.PENDING_LIMIT);
            }
            if (isDiscouraged && byId.size() >= limits.total() / 2) {
                return refused(DisconnectReason.DISCOURAGED);
            }
            victim = null;
            if (byId.size() >= limits.total() || groupCount >= limits.perGroup()) {
                victim = isDiscouraged ? null : victimFor(source, groupCount, hostCount);
                if (victim == null) {
                    return refused(DisconnectReason.PENDING_LIMIT);
                }
                remove(victim);
                evictions++;
            }
            add(new Entry(connection, source, sequence++));
        }
        if (victim != null) {
            victim.connection().close(CloseReason.of(DisconnectReason.PENDING_EVICTED));
        }
        return Optional.empty();
    }

    private synchronized Optional<CloseReason> refused(DisconnectReason reason) {
        refusals++;
        return Optional.of(CloseReason.of(reason));
    }

    /** Whom the newcomer may displace, or null: someone strictly more crowded than it would be. */
    private Entry victimFor(Source source, int groupCount, int hostCount) {
        if (groupCount < limits.perGroup()) {
            Group crowded = mostCrowdedGroup();
            if (crowded != null && crowded.size > groupCount) {
                return crowded.victimOfMostCrowdedHost();
            }
        }
        Group own = groups.get(source.group());
        if (own != null) {
            Entry candidate = own.victimOfMostCrowdedHost();
            if (candidate != null && own.hostCount(candidate.source().host()) > hostCount) {
                return candidate;
            }
        }
        return null;
    }

    private Group mostCrowdedGroup() {
        Group best = null;
        for (Group g : groups.values()) {
            if (best == null || g.size > best.size) {
                best = g;
            }
        }
        return best;
    }

    /** The connection finished its handshake, or closed: its slot is free. Idempotent. */
    public synchronized void release(long connectionId) {
        Entry e = byId.get(connectionId);
        if (e != null) {
            remove(e);
        }
    }

    private void add(Entry e) {
        byId.put(e.connection().id(), e);
        Group g = groups.computeIfAbsent(e.source().group(), k -> new Group());
        g.byHost.computeIfAbsent(e.source().host(), k -> new ArrayDeque<>()).addLast(e);
        g.size++;
    }

    private void remove(Entry e) {
        byId.remove(e.connection().id());
        Group g = groups.get(e.source().group());
        ArrayDeque<Entry> q = g.byHost.get(e.source().host());
        q.remove(e);
        if (q.isEmpty()) {
            g.byHost.remove(e.source().host());
        }
        if (--g.size == 0) {
            groups.remove(e.source().group());
        }
    }

    public synchronized int size() {
        return byId.size();
    }

    /** Pending connections closed to make room for newcomers, since start. */
    public synchronized long evictions() {
        return evictions;
    }

    /** Connections refused at accept (banned, limits), since start. */
    public synchronized long refusals() {
        return refusals;
    }
}
