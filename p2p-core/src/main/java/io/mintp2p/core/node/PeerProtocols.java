package io.mintp2p.core.node;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One accepted peer's protocol state: our requests in flight to it (by id, and the ordered ones by
 * type), counters by protocol of those and of its requests we are serving, and the hooks' per-peer
 * states. Every bound is its protocol's: in flight per peer, served per peer.
 *
 * <p>Made only when used: an idle peer costs nothing here. {@link Link#protocols} holds, in turn,
 * null (not accepted for protocol routing), {@code UNUSED} (accepted, nothing used yet), then either
 * its own state (made by a CAS at the first request to or from the peer, or at acceptance when a hook
 * keeps state for it) or {@code GONE} (closed, or the node stopped, before anything was used). The two
 * markers are shared and never handed out: the static methods below are the only readers of that
 * field. A state made after {@code GONE} is made closed, so a request registered there fails at once,
 * as one registered after its peer's requests were failed does.
 *
 * <p>Threads: any (CAS on the link's field, concurrent maps and atomic arrays); {@link #accept} and
 * {@link #closing} on the node thread. Nothing blocks.
 */
final class PeerProtocols {
    private static final long U32 = 0xFFFF_FFFFL;
    private static final PeerProtocols UNUSED = new PeerProtocols(0);
    private static final PeerProtocols GONE = new PeerProtocols(0);
    private static final VarHandle SLOT;

    static {
        try {
            SLOT = MethodHandles.lookup().findVarHandle(Link.class, "protocols", PeerProtocols.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

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

    // --- the link's slot -----------------------------------------------------------------------------

    /**
     * Node thread, when the peer is accepted, before its messages are routed: the link becomes routable
     * for protocols. Its state is made now only if {@code keepsState} (a hook will keep state for it).
     *
     * @return the state made now, or null (made when first used)
     */
    static PeerProtocols accept(Link link, int protocols, boolean keepsState) {
        PeerProtocols state = keepsState ? new PeerProtocols(protocols) : null;
        link.protocols = state != null ? state : UNUSED;
        return state;
    }

    /** Whether the link was accepted for protocol routing. Any thread. */
    static boolean routable(Link link) {
        return link.protocols != null;
    }

    /** The link's state if anything made it, else null (nothing in flight, nothing served, no hook state). Any thread. */
    static PeerProtocols ifUsed(Link link) {
        PeerProtocols state = link.protocols;
        return state == UNUSED || state == GONE ? null : state;
    }

    /**
     * The link's state, made now if this is its first use (closed if the link was closed before);
     * null if the link was never accepted for protocol routing. Any thread.
     */
    static PeerProtocols of(Link link, int protocols) {
        while (true) {
            PeerProtocols state = link.protocols;
            if (state == null) {
                return null;
            }
            if (state != UNUSED && state != GONE) {
                return state;
            }
            PeerProtocols made = new PeerProtocols(protocols);
            made.closed = state == GONE;
            if (SLOT.compareAndSet(link, state, made)) {
                return made;
            }
        }
    }

    /**
     * Node thread, when the peer leaves or the node stops: a link with no state yet is marked so that
     * a state made later is made closed.
     *
     * @return the link's state for the caller to close and fail, or null if it has none
     */
    static PeerProtocols closing(Link link) {
        while (true) {
            PeerProtocols state = link.protocols;
            if (state != UNUSED) {
                return state == GONE ? null : state;
            }
            if (SLOT.compareAndSet(link, UNUSED, GONE)) {
                return null;
            }
        }
    }

    // --- the state ------------------------------------------------------------------------------------

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
