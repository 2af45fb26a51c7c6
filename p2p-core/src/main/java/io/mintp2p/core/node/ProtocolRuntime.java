package io.mintp2p.core.node;

import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.wire.AppMessage;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.MessageType;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protocols at run time: our requests (sent, answered, timed out, failed), the requests we serve,
 * and the per-peer hooks.
 *
 * <p>Threads. {@link #request}, {@link #serve}, {@link #attach}: the caller's. {@link #intercept}: where
 * a frame is decoded (the transport's I/O thread, or the node thread while the peer's frames go
 * through it). A response completes its future right there, never through the peer's handler queue,
 * so a handler of peer P may block on a request to P. {@link #accepted}, {@link #closed}, timeouts and
 * {@link #stop}: the node thread. Served handlers and hooks: the handler pool, in the peer's order.
 * Nothing here blocks.
 *
 * <p>Timeouts: {@link RequestDeadlines} arms one sweep for the earliest deadline, not a task per
 * request (a task each cost a round trip a wake-up of the node thread).
 */
final class ProtocolRuntime {
    private static final Logger log = LoggerFactory.getLogger(ProtocolRuntime.class);

    private final ProtocolSet set;
    private final LinkTable links;
    private final OutboundSender sender;
    private final Scheduler scheduler;
    private final RequestDeadlines deadlines;
    private final RunState run;
    private final AtomicIntegerArray nodeInFlight;
    private final Map<RequestType<?, ?>, RequestHandler<?, ?>> servers = new ConcurrentHashMap<>();
    /** Set before start, read after: the node's start publishes them. */
    private final AtomicReferenceArray<ProtocolHooks<?>> hooks;
    private volatile boolean stopped;

    ProtocolRuntime(ProtocolSet set, LinkTable links, OutboundSender sender, Scheduler scheduler, RunState run) {
        this.set = set;
        this.links = links;
        this.sender = sender;
        this.scheduler = scheduler;
        this.deadlines = new RequestDeadlines(scheduler, this::sweepDeadlines);
        this.run = run;
        this.nodeInFlight = new AtomicIntegerArray(set.size());
        this.hooks = new AtomicReferenceArray<>(set.size());
    }

    boolean isEmpty() {
        return set.size() == 0;
    }

    // --- requester side ------------------------------------------------------------------------------

    <Q, R> CompletableFuture<R> request(PeerId peer, RequestType<Q, R> type, Q request, Duration timeout) {
        int protocol = set.protocolOf(type);
        if (protocol < 0) {
            throw new IllegalArgumentException("request type " + type + " is not registered with this node");
        }
        Objects.requireNonNull(request, "request");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (stopped || !run.isRunning()) {
            return failed(RequestFailure.NODE_STOPPED, "the node is not running");
        }
        Link link = links.accepted(peer);
        PeerProtocols peerState = link == null ? null : link.protocols;
        if (peerState == null) {
            return failed(RequestFailure.NOT_CONNECTED, peer + " is not connected");
        }
        if ((link.remote.services() & type.service().bits()) == 0) {
            return failed(RequestFailure.SERVICE_NOT_OFFERED, peer + " does not offer " + type.service());
        }
        Protocol p = set.get(protocol);
        if (nodeInFlight.incrementAndGet(protocol) > p.maxInFlightPerNode()) {
            nodeInFlight.decrementAndGet(protocol);
            return failed(RequestFailure.TOO_MANY_IN_FLIGHT, p.maxInFlightPerNode() + " requests of " + p + " in flight");
        }
        if (peerState.inFlight.incrementAndGet(protocol) > p.maxInFlightPerPeer()) {
            release(peerState, protocol);
            return failed(RequestFailure.TOO_MANY_IN_FLIGHT, p.maxInFlightPerPeer() + " requests of " + p
                    + " in flight to " + peer);
        }
        PendingRequest<R> pending = new PendingRequest<>(type, protocol, link);
        pending.timeout = timeout;
        pending.deadlineNanos = deadlines.now() + timeout.toNanos();
        Message message;
        if (type.isCorrelated()) {
            peerState.register(pending);
            message = wire(type.requestWire(), new Tagged<>(pending.id, request));
        } else {
            if (!peerState.registerOrdered(pending)) {
                release(peerState, protocol);
                return failed(RequestFailure.ALREADY_IN_FLIGHT, "a " + type.name() + " is in flight to " + peer);
            }
            message = wire(type.requestWire(), request);
        }
        if (peerState.closed) {
            // The peer left (or the node stopped) after we looked it up: its requests were failed already.
            fail(peerState, pending, stopped ? RequestFailure.NODE_STOPPED : RequestFailure.DISCONNECTED);
            return pending.future;
        }
        SendResult sent = sender.trySendOn(link, message);
        if (!sent.isQueued()) {
            if (peerState.remove(pending)) {
                finish(peerState, pending);
                pending.future.completeExceptionally(new CompletionException(
                        new RequestFailedException(sent, type.name() + " to " + peer)));
            }
            return pending.future;
        }
        deadlines.arm(pending.deadlineNanos);
        return pending.future;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Message wire(MessageType<?> type, Object body) {
        return ((MessageType) type).message(body);
    }

    private static <R> CompletableFuture<R> failed(RequestFailure failure, String detail) {
        return CompletableFuture.failedFuture(new CompletionException(new RequestFailedException(failure, detail)));
    }

    /** Whoever took the request out: its counters go back. */
    private void finish(PeerProtocols peerState, PendingRequest<?> pending) {
        release(peerState, pending.protocol);
    }

    private void release(PeerProtocols peerState, int protocol) {
        peerState.inFlight.decrementAndGet(protocol);
        nodeInFlight.decrementAndGet(protocol);
    }

    private void fail(PeerProtocols peerState, PendingRequest<?> pending, RequestFailure failure) {
        if (peerState.remove(pending)) {
            finish(peerState, pending);
            pending.future.completeExceptionally(new CompletionException(new RequestFailedException(failure,
                    pending.type.name() + " to " + pending.link.id)));
        }
    }

    /** Node thread: times out every request due, and arms the sweep for the earliest deadline left. */
    private void sweepDeadlines() {
        long now = deadlines.now();
        long earliest = Long.MAX_VALUE;
        for (Link link : links.acceptedLinks()) {
            PeerProtocols peerState = link.protocols;
            if (peerState == null || peerState.pendingCount() == 0) {
                continue;
            }
            for (PendingRequest<?> pending : peerState.inFlightNow()) {
                if (pending.deadlineNanos - now <= 0) {
                    timedOut(peerState, pending, pending.timeout);
                } else {
                    earliest = Math.min(earliest, pending.deadlineNanos);
                }
            }
        }
        if (earliest != Long.MAX_VALUE) {
            deadlines.arm(earliest);
        }
    }

    /** Node thread: the request's time is up. */
    private void timedOut(PeerProtocols peerState, PendingRequest<?> pending, Duration timeout) {
        if (!peerState.remove(pending)) {
            return;
        }
        finish(peerState, pending);
        pending.future.completeExceptionally(new CompletionException(new RequestFailedException(RequestFailure.TIMEOUT,
                "no " + pending.type.name() + " response from " + pending.link.id + " in " + timeout)));
        ResponsePolicy policy = set.get(pending.protocol).responsePolicy();
        CloseReason reason = CloseReason.of(DisconnectReason.RESPONSE_TIMEOUT, pending.type.name());
        if (policy.timeoutScore() > 0) {
            pending.link.misbehaved(policy.timeoutScore(), reason);
        }
        if (policy.disconnectOnTimeout() && links.accepted(pending.link.id) == pending.link) {
            pending.link.disconnect(reason);
        }
    }

    // --- the receiving path --------------------------------------------------------------------------

    /**
     * A message from an accepted peer: a response completes its request here; a request goes to its
     * server in the peer's handler order. True if it was taken (and its read budget given back or
     * handed on); false if it is a plain message for the subscribers.
     */
    boolean intercept(Link link, AppMessage<?> app, int size, boolean batched, boolean subscribed) {
        ProtocolSet.Role role = set.roleOf(app.type());
        if (role == null) {
            return false;
        }
        PeerProtocols peerState = link.protocols;
        if (peerState == null) {
            return false;
        }
        return role.response() ? response(link, peerState, role, app, size, subscribed)
                : served(link, peerState, role, app, size, batched, subscribed);
    }

    @SuppressWarnings("unchecked")
    private boolean response(Link link, PeerProtocols peerState, ProtocolSet.Role role, AppMessage<?> app, int size,
                             boolean subscribed) {
        PendingRequest<Object> pending;
        Object body;
        if (role.type().isCorrelated()) {
            Tagged<?> tagged = (Tagged<?>) app.body();
            body = tagged.body();
            pending = (PendingRequest<Object>) peerState.byId(tagged.id());
        } else {
            body = app.body();
            pending = (PendingRequest<Object>) peerState.ordered(role.type());
            if (pending == null && subscribed) {
                return false; // an announcement of the same type: the subscribers' business
            }
        }
        link.release(size);
        if (pending != null && pending.type == role.type() && peerState.remove(pending)) {
            finish(peerState, pending);
            pending.future.complete(body);
            return true;
        }
        ReferenceCountUtil.release(body);
        int score = set.get(role.protocol()).responsePolicy().unexpectedResponseScore();
        if (score > 0) {
            String why = pending == null ? "none in flight (unsolicited or late)" : "answers a " + pending.type.name();
            link.misbehaved(score, CloseReason.of(DisconnectReason.UNEXPECTED_RESPONSE, app.type().name() + ": " + why));
        }
        return true;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean served(Link link, PeerProtocols peerState, ProtocolSet.Role role, AppMessage<?> app, int size,
                           boolean batched, boolean subscribed) {
        RequestHandler<Object, Object> server = (RequestHandler<Object, Object>) servers.get(role.type());
        boolean correlated = role.type().isCorrelated();
        if (server == null) {
            if (!correlated && subscribed) {
                return false; // an ordered request nobody serves: the subscribers may handle it themselves
            }
            link.release(size);
            app.releaseBody();
            if (correlated) {
                ReferenceCountUtil.release(((Tagged<?>) app.body()).body());
            }
            return true;
        }
        Protocol protocol = set.get(role.protocol());
        if (peerState.served.incrementAndGet(role.protocol()) > protocol.maxServedPerPeer()) {
            peerState.served.decrementAndGet(role.protocol());
            link.release(size);
            app.releaseBody();
            if (correlated) {
                ReferenceCountUtil.release(((Tagged<?>) app.body()).body());
            }
            int score = protocol.responsePolicy().tooManyRequestsScore();
            if (score > 0) {
                link.misbehaved(score, CloseReason.of(DisconnectReason.TOO_MANY_REQUESTS,
                        role.type().name() + ": over " + protocol.maxServedPerPeer()));
            }
            return true;
        }
        long id = correlated ? ((Tagged<?>) app.body()).id() : -1;
        Object body = correlated ? ((Tagged<?>) app.body()).body() : app.body();
        PeerSnapshot from = batched ? link.batchSender() : link.snapshot();
        Runnable task = () -> {
            try {
                serveOne(link, peerState, role, server, from, body, id);
            } finally {
                link.release(size);
                ReferenceCountUtil.release(body);
            }
        };
        if (batched) {
            link.addToBatch(task);
        } else {
            link.execute(task);
        }
        return true;
    }

    /** Handler pool, in the peer's order: asks the server; its stage's value is sent back when it comes. */
    private void serveOne(Link link, PeerProtocols peerState, ProtocolSet.Role role, RequestHandler<Object, Object> server,
                          PeerSnapshot from, Object body, long id) {
        CompletionStage<Object> stage;
        try {
            stage = server.onRequest(from, body);
        } catch (RuntimeException e) {
            peerState.served.decrementAndGet(role.protocol());
            log.info("server of {} failed on a request from {}: {}", role.type().name(), from.id(), e.toString());
            return;
        }
        if (stage == null) {
            peerState.served.decrementAndGet(role.protocol());
            log.info("server of {} returned no stage for a request from {}", role.type().name(), from.id());
            return;
        }
        stage.whenComplete((response, error) -> {
            peerState.served.decrementAndGet(role.protocol());
            if (error != null || response == null) {
                log.info("server of {} gave no response to {}: {}", role.type().name(), from.id(),
                        error != null ? error.toString() : "null");
                return;
            }
            if (links.accepted(link.id) != link) {
                return; // the peer left meanwhile
            }
            Object wireBody = role.type().isCorrelated() ? new Tagged<>(id, response) : response;
            SendResult sent = sender.trySendOn(link, wire(role.type().responseWire(), wireBody));
            if (!sent.isQueued()) {
                log.debug("response {} to {} not sent: {}", role.type().name(), from.id(), sent);
            }
        });
    }

    // --- serving and hooks: registration ------------------------------------------------------------

    <Q, R> Subscription serve(RequestType<Q, R> type, RequestHandler<Q, R> handler) {
        Objects.requireNonNull(handler, "handler");
        if (set.protocolOf(type) < 0) {
            throw new IllegalArgumentException("request type " + type + " is not registered with this node");
        }
        if (servers.putIfAbsent(type, handler) != null) {
            throw new IllegalArgumentException("request type " + type + " is served already");
        }
        return () -> servers.remove(type, handler);
    }

    <S> ProtocolPeers<S> attach(Protocol protocol, ProtocolHooks<S> protocolHooks) {
        Objects.requireNonNull(protocolHooks, "hooks");
        int index = set.indexOf(protocol);
        if (index < 0) {
            throw new IllegalArgumentException("protocol " + protocol + " is not registered with this node");
        }
        if (run.isRunning() || run.hasStopped()) {
            throw new IllegalStateException("attach protocols before the node starts");
        }
        if (!hooks.compareAndSet(index, null, protocolHooks)) {
            throw new IllegalArgumentException("protocol " + protocol + " has hooks attached already");
        }
        return new ProtocolPeers<>() {
            @Override
            @SuppressWarnings("unchecked")
            public Optional<S> state(PeerId peer) {
                Link link = links.accepted(peer);
                PeerProtocols peerState = link == null ? null : link.protocols;
                return peerState == null ? Optional.empty() : Optional.ofNullable((S) peerState.states.get(index));
            }

            @Override
            public List<PeerSnapshot> peers() {
                long bit = protocol.service().bits();
                return links.snapshots().stream().filter(s -> (s.services().bits() & bit) != 0).toList();
            }
        };
    }

    // --- the life of a peer (node thread) -------------------------------------------------------------

    /**
     * Node thread, before the peer's messages may be routed to its handlers: its state is made and the
     * hooks' onConnected queued first in its handler order.
     */
    void accepted(Link link) {
        if (isEmpty()) {
            return;
        }
        PeerProtocols peerState = new PeerProtocols(set.size());
        link.protocols = peerState;
        PeerSnapshot snapshot = link.snapshot();
        for (int i = 0; i < set.size(); i++) {
            ProtocolHooks<?> h = hooks.get(i);
            if (h == null || (link.remote.services() & set.get(i).service().bits()) == 0) {
                continue;
            }
            int index = i;
            link.execute(() -> {
                try {
                    peerState.states.set(index, h.onConnected(snapshot));
                } catch (RuntimeException e) {
                    log.warn("onConnected of {} failed for {}", set.get(index), snapshot.id(), e);
                }
            });
        }
    }

    /** Node thread, after the peer's last message was handed over: its requests fail, onDisconnected is queued last. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void closed(Link link, CloseReason reason) {
        PeerProtocols peerState = link.protocols;
        if (peerState == null) {
            return;
        }
        failAll(peerState, stopped ? RequestFailure.NODE_STOPPED : RequestFailure.DISCONNECTED);
        PeerSnapshot snapshot = link.snapshot();
        for (int i = 0; i < set.size(); i++) {
            ProtocolHooks h = hooks.get(i);
            if (h == null || (link.remote.services() & set.get(i).service().bits()) == 0) {
                continue;
            }
            int index = i;
            link.execute(() -> {
                try {
                    h.onDisconnected(snapshot, peerState.states.get(index), reason);
                } catch (RuntimeException e) {
                    log.warn("onDisconnected of {} failed for {}", set.get(index), snapshot.id(), e);
                } finally {
                    peerState.states.set(index, null);
                }
            });
        }
    }

    private void failAll(PeerProtocols peerState, RequestFailure failure) {
        peerState.closed = true;
        for (PendingRequest<?> pending : peerState.inFlightNow()) {
            fail(peerState, pending, failure);
        }
    }

    /** Any thread, at stop: new requests fail at once, those in flight fail on the node thread. */
    void stop() {
        stopped = true;
        if (isEmpty()) {
            return; // nothing can be in flight: the node's run (and a simulation's trace) stays as it was
        }
        scheduler.execute(() -> {
            for (Link link : links.acceptedLinks()) {
                PeerProtocols peerState = link.protocols;
                if (peerState != null) {
                    failAll(peerState, RequestFailure.NODE_STOPPED);
                }
            }
        });
    }
}
