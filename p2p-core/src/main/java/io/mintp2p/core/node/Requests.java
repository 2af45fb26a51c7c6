package io.mintp2p.core.node;

import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.wire.AppMessage;
import io.mintp2p.core.wire.Message;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Our requests: sent (checked against the bounds, registered with the peer's {@link PeerProtocols}),
 * answered (a response is matched by id or by type; one that nothing waits for is scored), timed out,
 * and failed when the peer leaves or the node stops. Whoever removes a request from its peer's state
 * completes it and gives its in-flight counts back.
 *
 * <p>Threads. {@link #request}: the caller's. {@link #response}: where the frame is decoded (a
 * transport I/O thread, or the node thread). The timeout sweep and {@link #closed}: the node thread.
 * {@link #stop}: any thread; what it fails, on the node thread. Nothing blocks.
 *
 * <p>Timeouts: {@link RequestDeadlines} arms one sweep for the earliest deadline, not a task per
 * request (a task each cost a round trip a wake-up of the node thread).
 */
final class Requests {
    private final ProtocolSet set;
    private final LinkTable links;
    private final OutboundSender sender;
    private final Scheduler scheduler;
    private final RequestDeadlines deadlines;
    private final RunState run;
    private final AtomicIntegerArray nodeInFlight;
    private volatile boolean stopped;

    Requests(ProtocolSet set, LinkTable links, OutboundSender sender, Scheduler scheduler, RunState run) {
        this.set = set;
        this.links = links;
        this.sender = sender;
        this.scheduler = scheduler;
        this.deadlines = new RequestDeadlines(scheduler, this::sweepDeadlines);
        this.run = run;
        this.nodeInFlight = new AtomicIntegerArray(set.size());
    }

    /** Caller's thread: checks, registers and queues the request; the future completes as described in {@link P2pNode}. */
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
        if (link == null || !PeerProtocols.routable(link)) {
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
        PeerProtocols peerState = PeerProtocols.of(link, set.size());
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
            message = ProtocolSet.message(type.requestWire(), new Tagged<>(pending.id, request));
        } else {
            if (!peerState.registerOrdered(pending)) {
                release(peerState, protocol);
                return failed(RequestFailure.ALREADY_IN_FLIGHT, "a " + type.name() + " is in flight to " + peer);
            }
            message = ProtocolSet.message(type.requestWire(), request);
        }
        if (peerState.closed) {
            // The peer left (or the node stopped) after we looked it up: its requests were failed already.
            fail(peerState, pending, stopped ? RequestFailure.NODE_STOPPED : RequestFailure.DISCONNECTED);
            return pending.future;
        }
        SendResult sent = sender.trySendOn(link, message);
        if (!sent.isQueued()) {
            if (peerState.remove(pending)) {
                release(peerState, protocol);
                pending.future.completeExceptionally(new CompletionException(
                        new RequestFailedException(sent, type.name() + " to " + peer)));
            }
            return pending.future;
        }
        deadlines.arm(pending.deadlineNanos);
        return pending.future;
    }

    private static <R> CompletableFuture<R> failed(RequestFailure failure, String detail) {
        return CompletableFuture.failedFuture(new CompletionException(new RequestFailedException(failure, detail)));
    }

    /** Whoever took a request out gives its counts back. */
    private void release(PeerProtocols peerState, int protocol) {
        peerState.inFlight.decrementAndGet(protocol);
        nodeInFlight.decrementAndGet(protocol);
    }

    private void fail(PeerProtocols peerState, PendingRequest<?> pending, RequestFailure failure) {
        if (peerState.remove(pending)) {
            release(peerState, pending.protocol);
            pending.future.completeExceptionally(new CompletionException(new RequestFailedException(failure,
                    pending.type.name() + " to " + pending.link.id)));
        }
    }

    /**
     * Where the frame was decoded: a response of an accepted peer completes its request right there
     * (never through the peer's handler queue, so a handler of peer P may block on a request to P).
     * One that answers nothing in flight is dropped and scored. False (nothing taken) for an ordered
     * type's message with none in flight that {@code subscribed} handlers take as an announcement.
     */
    @SuppressWarnings("unchecked")
    boolean response(Link link, ProtocolSet.Role role, AppMessage<?> app, int size, boolean subscribed) {
        PeerProtocols peerState = PeerProtocols.ifUsed(link); // none: nothing was ever asked of the peer
        PendingRequest<Object> pending;
        Object body;
        if (role.type().isCorrelated()) {
            Tagged<?> tagged = (Tagged<?>) app.body();
            body = tagged.body();
            pending = peerState == null ? null : (PendingRequest<Object>) peerState.byId(tagged.id());
        } else {
            body = app.body();
            pending = peerState == null ? null : (PendingRequest<Object>) peerState.ordered(role.type());
            if (pending == null && subscribed) {
                return false; // an announcement of the same type: the subscribers' business
            }
        }
        link.release(size);
        if (pending != null && pending.type == role.type() && peerState.remove(pending)) {
            release(peerState, pending.protocol);
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

    /** Node thread: times out every request due, and arms the sweep for the earliest deadline left. */
    private void sweepDeadlines() {
        long now = deadlines.now();
        long earliest = Long.MAX_VALUE;
        for (Link link : links.acceptedLinks()) {
            PeerProtocols peerState = PeerProtocols.ifUsed(link);
            if (peerState == null || peerState.pendingCount() == 0) {
                continue;
            }
            for (PendingRequest<?> pending : peerState.inFlightNow()) {
                if (pending.deadlineNanos - now <= 0) {
                    timedOut(peerState, pending);
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
    private void timedOut(PeerProtocols peerState, PendingRequest<?> pending) {
        if (!peerState.remove(pending)) {
            return;
        }
        release(peerState, pending.protocol);
        pending.future.completeExceptionally(new CompletionException(new RequestFailedException(RequestFailure.TIMEOUT,
                "no " + pending.type.name() + " response from " + pending.link.id + " in " + pending.timeout)));
        ResponsePolicy policy = set.get(pending.protocol).responsePolicy();
        CloseReason reason = CloseReason.of(DisconnectReason.RESPONSE_TIMEOUT, pending.type.name());
        if (policy.timeoutScore() > 0) {
            pending.link.misbehaved(policy.timeoutScore(), reason);
        }
        if (policy.disconnectOnTimeout() && links.accepted(pending.link.id) == pending.link) {
            pending.link.disconnect(reason);
        }
    }

    /** Node thread, once the accepted peer closed: its requests fail, and any it is asked later fail at once. */
    void closed(Link link) {
        PeerProtocols peerState = PeerProtocols.closing(link);
        if (peerState != null) {
            failAll(peerState, stopped ? RequestFailure.NODE_STOPPED : RequestFailure.DISCONNECTED);
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
        if (set.size() == 0) {
            return; // nothing can be in flight: the node's run (and a simulation's trace) stays as it was
        }
        scheduler.execute(() -> {
            for (Link link : links.acceptedLinks()) {
                PeerProtocols peerState = PeerProtocols.closing(link);
                if (peerState != null) {
                    failAll(peerState, RequestFailure.NODE_STOPPED);
                }
            }
        });
    }
}
