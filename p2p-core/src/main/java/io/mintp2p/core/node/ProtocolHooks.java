package io.mintp2p.core.node;

import io.mintp2p.core.transport.CloseReason;

/**
 * Per-peer lifecycle of a protocol ({@link P2pNode#attach}): called for each accepted peer that
 * offers the protocol (advertises its service bit). Both run on the handler pool in that peer's
 * handler order: {@link #onConnected} before any of the peer's messages or requests reach a handler,
 * {@link #onDisconnected} after the last of them. That is stronger than {@link P2pNode#onPeerEvent},
 * whose listeners run on the node thread unordered with the handlers. A hook may block only at its
 * own peer's cost, as a handler may.
 *
 * @param <S> the per-peer state the node holds for the protocol (see {@link ProtocolPeers#state})
 */
public interface ProtocolHooks<S> {
    /**
     * A peer offering the protocol was accepted: returns its state (null: none). A hook that throws is
     * logged and the peer has no state.
     *
     * @param peer the peer
     * @return its state, or null
     */
    S onConnected(PeerSnapshot peer);

    /**
     * The peer is gone; {@code state} is what {@link #onConnected} returned, dropped by the node after this returns.
     *
     * @param peer   the peer
     * @param state  what {@link #onConnected} returned
     * @param reason why it went
     */
    default void onDisconnected(PeerSnapshot peer, S state, CloseReason reason) {
    }
}
