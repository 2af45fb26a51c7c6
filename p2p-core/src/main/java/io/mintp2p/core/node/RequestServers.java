package io.mintp2p.core.node;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.wire.AppMessage;
import io.netty.util.ReferenceCountUtil;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests peers send us: one server per request type, a peer's requests handed to it in the
 * peer's handler order, its answer sent back when its stage completes. A peer may have at most its
 * protocol's {@link Protocol#maxServedPerPeer()} requests waiting on our servers (queued or not yet
 * answered); one more is dropped and scored {@code TOO_MANY_REQUESTS}.
 *
 * <p>Threads. {@link #serve}: any. {@link #served}: where the frame is decoded (a transport I/O
 * thread, or the node thread). The servers: the handler pool, in the peer's order; the answer is sent
 * on the thread that completes the server's stage. Nothing blocks.
 */
final class RequestServers {
    private static final Logger log = LoggerFactory.getLogger(RequestServers.class);

    private final ProtocolSet set;
    private final LinkTable links;
    private final OutboundSender sender;
    private final Map<RequestType<?, ?>, RequestHandler<?, ?>> servers = new ConcurrentHashMap<>();

    RequestServers(ProtocolSet set, LinkTable links, OutboundSender sender) {
        this.set = set;
        this.links = links;
        this.sender = sender;
    }

    /** Any thread: {@code handler} answers {@code type} until the subscription is cancelled. */
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

    /**
     * A request from an accepted peer: queued for its server, or dropped (nobody serves it, or the
     * peer is over its bound). True if it was taken (its read budget given back or handed on); false
     * for an ordered request nobody serves that {@code subscribed} handlers may take themselves.
     */
    @SuppressWarnings("unchecked")
    boolean served(Link link, ProtocolSet.Role role, AppMessage<?> app, int size, boolean batched, boolean subscribed) {
        RequestHandler<Object, Object> server = (RequestHandler<Object, Object>) servers.get(role.type());
        boolean correlated = role.type().isCorrelated();
        if (server == null) {
            if (!correlated && subscribed) {
                return false; // an ordered request nobody serves: the subscribers may handle it themselves
            }
            drop(link, app, size, correlated);
            return true;
        }
        Protocol protocol = set.get(role.protocol());
        PeerProtocols peerState = PeerProtocols.of(link, set.size());
        if (peerState.served.incrementAndGet(role.protocol()) > protocol.maxServedPerPeer()) {
            peerState.served.decrementAndGet(role.protocol());
            drop(link, app, size, correlated);
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

    private static void drop(Link link, AppMessage<?> app, int size, boolean correlated) {
        link.release(size);
        app.releaseBody();
        if (correlated) {
            ReferenceCountUtil.release(((Tagged<?>) app.body()).body());
        }
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
            SendResult sent = sender.trySendOn(link, ProtocolSet.message(role.type().responseWire(), wireBody));
            if (!sent.isQueued()) {
                log.debug("response {} to {} not sent: {}", role.type().name(), from.id(), sent);
            }
        });
    }
}
