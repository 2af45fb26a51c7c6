package io.mintp2p.core.node;

import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.wire.AppMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Protocols at run time, a facade over their parts: {@link Requests} (ours: sent, answered, timed
 * out, failed), {@link RequestServers} (the peers' requests we serve, and their bound),
 * {@link PeerHooks} (the per-peer hooks) and, per accepted link, a {@link PeerProtocols} made on
 * first use. It routes a received message of a protocol and a peer's acceptance and close to them.
 *
 * <p>Threads. {@link #request}, {@link #serve}, {@link #attach}: the caller's. {@link #intercept}:
 * where a frame is decoded (the transport's I/O thread, or the node thread while the peer's frames
 * go through it). {@link #accepted}, {@link #closed}: the node thread. {@link #stop}: any. Served
 * handlers and hooks: the handler pool, in the peer's order. Nothing blocks.
 */
final class ProtocolRuntime {
    private final ProtocolSet set;
    private final Requests requests;
    private final RequestServers servers;
    private final PeerHooks hooks;

    ProtocolRuntime(ProtocolSet set, LinkTable links, OutboundSender sender, Scheduler scheduler, RunState run) {
        this.set = set;
        this.requests = new Requests(set, links, sender, scheduler, run);
        this.servers = new RequestServers(set, links, sender);
        this.hooks = new PeerHooks(set, links, run);
    }

    boolean isEmpty() {
        return set.size() == 0;
    }

    /** Caller's thread: see {@link Requests#request}. */
    <Q, R> CompletableFuture<R> request(PeerId peer, RequestType<Q, R> type, Q request, Duration timeout) {
        return requests.request(peer, type, request, timeout);
    }

    /** Any thread: see {@link RequestServers#serve}. */
    <Q, R> Subscription serve(RequestType<Q, R> type, RequestHandler<Q, R> handler) {
        return servers.serve(type, handler);
    }

    /** Caller's thread, before start: see {@link PeerHooks#attach}. */
    <S> ProtocolPeers<S> attach(Protocol protocol, ProtocolHooks<S> protocolHooks) {
        return hooks.attach(protocol, protocolHooks);
    }

    /**
     * A message from an accepted peer: a response completes its request here; a request goes to its
     * server in the peer's handler order. True if it was taken (and its read budget given back or
     * handed on); false if it is a plain message for the subscribers.
     */
    boolean intercept(Link link, AppMessage<?> app, int size, boolean batched, boolean subscribed) {
        ProtocolSet.Role role = set.roleOf(app.type());
        if (role == null || !PeerProtocols.routable(link)) {
            return false;
        }
        return role.response() ? requests.response(link, role, app, size, subscribed)
                : servers.served(link, role, app, size, batched, subscribed);
    }

    /**
     * Node thread, before the peer's messages may be routed to its handlers: it becomes routable for
     * protocols, and the hooks' onConnected are queued first in its handler order. Its state is made
     * now only if a hook keeps state for it, else on first use.
     */
    void accepted(Link link) {
        if (isEmpty()) {
            return;
        }
        PeerProtocols peerState = PeerProtocols.accept(link, set.size(), hooks.keepStateFor(link));
        if (peerState != null) {
            hooks.connected(link, peerState);
        }
    }

    /** Node thread, after the peer's last message was handed over: its requests fail, onDisconnected is queued last. */
    void closed(Link link, CloseReason reason) {
        if (!PeerProtocols.routable(link)) {
            return;
        }
        requests.closed(link);
        PeerProtocols peerState = PeerProtocols.ifUsed(link);
        if (peerState != null) {
            hooks.disconnected(link, peerState, reason);
        }
    }

    /** Any thread, at stop: new requests fail at once, those in flight fail on the node thread. */
    void stop() {
        requests.stop();
    }
}
