package io.mintp2p.core.node;

import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.TransportAddress;

/**
 * Peer life-cycle events for subscribers (logs, metrics, applications), published on the node thread
 * in the order the node decided them (see {@link P2pNode#onPeerEvent}).
 */
public sealed interface PeerEvent {
    /**
     * The peer (or failed connection) the event is about.
     *
     * @return its id
     */
    PeerId peer();

    /**
     * The handshake completed and the peer manager accepted the peer.
     *
     * @param peer     the peer
     * @param snapshot the peer as it was accepted
     */
    record Connected(PeerId peer, PeerSnapshot snapshot) implements PeerEvent {
    }

    /**
     * A handshaken peer went away; {@code reason} says why and who decided.
     *
     * @param peer     the peer
     * @param snapshot the peer as it was last
     * @param reason   why it went
     */
    record Disconnected(PeerId peer, PeerSnapshot snapshot, CloseReason reason) implements PeerEvent {
    }

    /**
     * A connection failed before or during the handshake (never became a peer); {@code address} is the
     * one we dialled (outbound) or the remote's (inbound).
     *
     * @param peer    the connection's id
     * @param address the address dialled, or the remote's
     * @param reason  why it failed
     */
    record HandshakeFailed(PeerId peer, TransportAddress address, CloseReason reason) implements PeerEvent {
    }

    /**
     * The peer at {@code address} misbehaved by {@code score}, by the node's own checks or as the
     * application reported ({@code P2pNode.misbehaving}, reason {@code MISBEHAVIOUR}); at the threshold
     * it is now discouraged (by identity, endpoint or IP, after {@code P2pConfig.discourageBy}).
     *
     * @param peer    the peer
     * @param address its address
     * @param score   what was added to its score
     * @param reason  what it did
     */
    record Misbehaved(PeerId peer, TransportAddress address, int score, CloseReason reason) implements PeerEvent {
    }
}
