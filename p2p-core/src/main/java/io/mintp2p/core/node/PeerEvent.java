package io.mintp2p.core.node;

import io.mintp2p.core.transport.CloseReason;

/** Peer life-cycle events for subscribers (logs, metrics, applications). */
public sealed interface PeerEvent {
    PeerId peer();

    /** The handshake completed and the peer manager accepted the peer. */
    record Connected(PeerId peer, PeerSnapshot snapshot) implements PeerEvent {
    }

    /** A handshaken peer went away; {@code reason} says why and who decided. */
    record Disconnected(PeerId peer, PeerSnapshot snapshot, CloseReason reason) implements PeerEvent {
    }

    /** A connection failed before or during the handshake (never became a peer). */
    record HandshakeFailed(PeerId peer, String address, CloseReason reason) implements PeerEvent {
    }

    /** The peer misbehaved; its address may now be discouraged. */
    record Misbehaved(PeerId peer, String address, int score, CloseReason reason) implements PeerEvent {
    }
}
