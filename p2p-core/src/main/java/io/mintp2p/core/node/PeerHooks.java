package io.mintp2p.core.node;

import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.transport.CloseReason;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocols' per-peer hooks: attached before the node starts, their onConnected queued first in
 * a peer's handler order and onDisconnected last; what onConnected returns is the peer's state for
 * that protocol (in its {@link PeerProtocols}) until onDisconnected has run.
 *
 * <p>Threads. {@link #attach}: the caller's, before start. {@link #connected}, {@link #disconnected}:
 * the node thread. The hooks: the handler pool, in the peer's order. {@link ProtocolPeers#state}:
 * any. Nothing blocks.
 */
final class PeerHooks {
    private static final Logger log = LoggerFactory.getLogger(PeerHooks.class);

    private final ProtocolSet set;
    private final LinkTable links;
    private final RunState run;
    /** Set before start, read after: the node's start publishes them. */
    private final AtomicReferenceArray<ProtocolHooks<?>> hooks;

    PeerHooks(ProtocolSet set, LinkTable links, RunState run) {
        this.set = set;
        this.links = links;
        this.run = run;
        this.hooks = new AtomicReferenceArray<>(set.size());
    }

    /** Caller's thread, before start: {@code protocolHooks} is told of every peer offering {@code protocol}. */
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
                PeerProtocols peerState = link == null ? null : PeerProtocols.ifUsed(link);
                return peerState == null ? Optional.empty() : Optional.ofNullable((S) peerState.states.get(index));
            }

            @Override
            public List<PeerSnapshot> peers() {
                long bit = protocol.service().bits();
                return links.snapshots().stream().filter(s -> (s.services().bits() & bit) != 0).toList();
            }
        };
    }

    /** Whether some hook is told of this peer (it offers a protocol with hooks): its state is then made at once. */
    boolean keepStateFor(Link link) {
        for (int i = 0; i < set.size(); i++) {
            if (hookFor(i, link) != null) {
                return true;
            }
        }
        return false;
    }

    /** The protocol's hooks if it has some and the peer offers it, else null. */
    private ProtocolHooks<?> hookFor(int protocol, Link link) {
        ProtocolHooks<?> h = hooks.get(protocol);
        return h != null && (link.remote.services() & set.get(protocol).service().bits()) != 0 ? h : null;
    }

    /** Node thread, before the peer's messages may be routed to its handlers: onConnected is queued first. */
    void connected(Link link, PeerProtocols peerState) {
        PeerSnapshot snapshot = link.snapshot();
        for (int i = 0; i < set.size(); i++) {
            ProtocolHooks<?> h = hookFor(i, link);
            if (h == null) {
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

    /** Node thread, after the peer's last message was handed over: onDisconnected is queued last. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void disconnected(Link link, PeerProtocols peerState, CloseReason reason) {
        PeerSnapshot snapshot = link.snapshot();
        for (int i = 0; i < set.size(); i++) {
            ProtocolHooks h = hookFor(i, link);
            if (h == null) {
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
}
