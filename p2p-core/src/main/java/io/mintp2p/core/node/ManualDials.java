package io.mintp2p.core.node;

import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Operator dials ({@link P2pNode#connect}) waiting for their outcome, by address without identity
 * (the peer manager may add a pinned identity to the address it dials). A connect to an address the
 * node already has an outbound peer on completes at once with that peer; a connect to an address
 * already being dialled manually waits for that dial instead of starting another (a second dial
 * would only be refused as {@link DisconnectReason#ALREADY_CONNECTED}). Node thread only; completing
 * a future runs the caller's dependent stages on the node thread, so callers should not block in them.
 */
final class ManualDials {
    private final LinkTable links;
    /** Operator calls only (never a peer's input): at most one entry per address being dialled. */
    private final Map<TransportAddress, List<CompletableFuture<PeerSnapshot>>> waiting = new HashMap<>();

    ManualDials(LinkTable links) {
        this.links = links;
    }

    /**
     * A manual connect to {@code address}: completes {@code outcome} with the existing peer, or joins a
     * dial in flight, or records it and returns true when the caller must start a dial.
     */
    boolean connect(TransportAddress address, CompletableFuture<PeerSnapshot> outcome) {
        Link existing = outboundPeer(address);
        if (existing != null) {
            outcome.complete(existing.snapshot());
            return false;
        }
        TransportAddress key = address.withoutIdentity();
        List<CompletableFuture<PeerSnapshot>> inFlight = waiting.get(key);
        if (inFlight != null) {
            inFlight.add(outcome);
            return false;
        }
        List<CompletableFuture<PeerSnapshot>> futures = new ArrayList<>(1);
        futures.add(outcome);
        waiting.put(key, futures);
        return true;
    }

    /**
     * The accepted outbound peer dialled at that address (identity aside), or null. When the caller
     * names an identity, a peer that proved another one is not it.
     */
    private Link outboundPeer(TransportAddress address) {
        TransportAddress key = address.withoutIdentity();
        for (Link link : links.acceptedLinks()) {
            if (link.direction() == Direction.OUTBOUND && link.address.withoutIdentity().equals(key)
                    && (address.pinnedIdentity().isEmpty() || address.pinnedIdentity().equals(link.connection.identity()))) {
                return link;
            }
        }
        return null;
    }

    /** The link's handshake was accepted: a manual dial to its address completes with the peer. */
    void connected(Link link, PeerSnapshot snapshot) {
        if (link.direction() == Direction.OUTBOUND) {
            complete(link.address, snapshot);
        }
    }

    /**
     * The link closed or was refused before it became a peer. Refused because the node already has an
     * outbound peer there (another dial won the race): the waiting connects get that peer.
     */
    void failed(Link link, CloseReason reason) {
        if (link.purpose.orElse(null) != DialPurpose.MANUAL) {
            return;
        }
        Link existing = reason.code() == DisconnectReason.ALREADY_CONNECTED ? outboundPeer(link.address) : null;
        if (existing != null) {
            complete(link.address, existing.snapshot());
            return;
        }
        List<CompletableFuture<PeerSnapshot>> futures = waiting.remove(link.address.withoutIdentity());
        if (futures != null) {
            IllegalStateException error = new IllegalStateException("connection to " + link.address + " failed: " + reason);
            futures.forEach(f -> f.completeExceptionally(error));
        }
    }

    /** The transport could not connect at all. */
    void dialFailed(TransportAddress address, Throwable error) {
        List<CompletableFuture<PeerSnapshot>> futures = waiting.remove(address.withoutIdentity());
        if (futures != null) {
            futures.forEach(f -> f.completeExceptionally(error));
        }
    }

    /** The node stopped: nobody waits any longer. */
    void failAll() {
        IllegalStateException error = new IllegalStateException("node stopped");
        waiting.values().forEach(futures -> futures.forEach(f -> f.completeExceptionally(error)));
        waiting.clear();
    }

    private void complete(TransportAddress address, PeerSnapshot snapshot) {
        List<CompletableFuture<PeerSnapshot>> futures = waiting.remove(address.withoutIdentity());
        if (futures != null) {
            futures.forEach(f -> f.complete(snapshot));
        }
    }
}
