package io.mintp2p.core.node;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One accepted peer's protocol state: our requests in flight to it (by id, and the ordered ones by
 * type), counters by protocol of those and of its requests we are serving, and the hooks' per-peer
 * states. Made on the node thread when the peer is accepted, before its messages are routed; dropped
 * with the link. Every bound is its protocol's: in flight per peer, served per peer.
 *
 * <p>Threads: any (concurrent maps and atomic arrays); nothing blocks.
 */
final class PeerProtocols {
    private static final long U32 = 0xFFFF_FFFFL;

    private final ConcurrentHashMap<Long, PendingRequest<?>> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<RequestType<?, ?>, PendingRequest<?>> ordered = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    final AtomicIntegerArray inFlight;
    final AtomicIntegerArray served;
    final AtomicReferenceArray<Object> states;
    /** Set once the peer is gone (or the node stops): a request registered after this fails at once. */
    volatile boolean closed;

    PeerProtocols(int protocols) {
        inFlight = new AtomicIntegerArray(protocols);
        served = new AtomicIntegerArray(protocols);
        states = new AtomicReferenceArray<>(protocols);
    }

    /**
     * Registers a correlated request under a u32 id not in flight now. Ids count up and wrap; with at
     * most the per-peer bound in flight, skipping a taken id ends after a few tries.
     */
    void register(PendingRequest<?> pending) {
        while (true) {
            long id = nextId.getAndIncrement() & U32;
            if (byId.putIfAbsent(id, pending) == null) {
                pending.id = id;
                return;
            }
        }
    }

    /** Registers an ordered request; false if one of its type is in flight already. */
    boolean registerOrdered(PendingRequest<?> pending) {
        return ordered.putIfAbsent(pending.type, pending) == null;
    }

    PendingRequest<?> byId(long id) {
        return byId.get(id);
    }

    PendingRequest<?> ordered(RequestType<?, ?> type) {
        return ordered.get(type);
    }

    /** Takes the request out; true for exactly one caller, who completes it. */
    boolean remove(PendingRequest<?> pending) {
        return pending.type.isCorrelated() ? byId.remove(pending.id, pending) : ordered.remove(pending.type, pending);
    }

    /** Everything in flight now (to be failed). */
    List<PendingRequest<?>> inFlightNow() {
        List<PendingRequest<?>> all = new ArrayList<>(byId.values());
        all.addAll(ordered.values());
        return all;
    }

    int pendingCount() {
        return byId.size() + ordered.size();
    }
}
