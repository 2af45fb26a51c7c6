package io.mintp2p.core.node;

import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.TransportAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Operator dials ({@link P2pNode#connect}) waiting for their outcome, by address without identity
 * (the peer manager may add a pinned identity to the address it dials). Node thread only; completing a
 * future runs the caller's dependent stages on the node thread, so callers should not block in them.
 */
final class ManualDials {
    private final Map<TransportAddress, CompletableFuture<PeerSnapshot>> waiting = new HashMap<>();

    void expect(TransportAddress address, CompletableFuture<PeerSnapshot> outcome) {
        waiting.put(address.withoutIdentity(), outcome);
    }

    /** The link's handshake was accepted: a manual dial to its address completes with the peer. */
    void connected(Link link, PeerSnapshot snapshot) {
        if (link.purpose.orElse(null) == DialPurpose.MANUAL) {
            CompletableFuture<PeerSnapshot> f = waiting.remove(link.address.withoutIdentity());
            if (f != null) {
                f.complete(snapshot);
            }
        }
    }

    /** The link closed or was refused before it became a peer. */
    void failed(Link link, CloseReason reason) {
        if (link.purpose.orElse(null) == DialPurpose.MANUAL) {
            CompletableFuture<PeerSnapshot> f = waiting.remove(link.address.withoutIdentity());
            if (f != null) {
                f.completeExceptionally(new IllegalStateException("connection to " + link.address + " failed: " + reason));
            }
        }
    }

    /** The transport could not connect at all. */
    void dialFailed(TransportAddress address, Throwable error) {
        CompletableFuture<PeerSnapshot> f = waiting.remove(address.withoutIdentity());
        if (f != null) {
            f.completeExceptionally(error);
        }
    }

    /** The node stopped: nobody waits any longer. */
    void failAll() {
        waiting.values().forEach(f -> f.completeExceptionally(new IllegalStateException("node stopped")));
        waiting.clear();
    }
}
