package io.mintp2p.core.peers;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.Message;

/**
 * What the peer manager asks the node to do. Implemented by the node runtime; the peer manager
 * itself never touches a transport. Results come back as calls on {@link PeerManager}.
 */
public interface PeerManagerActions {
    /**
     * Dials the address. Exactly one of {@link PeerManager#onOutboundFailed} or
     * {@link PeerManager#onHandshakeCompleted} follows (the latter with the same purpose).
     *
     * @param address the address
     * @param purpose why: the slot the peer fills
     */
    void dial(TransportAddress address, DialPurpose purpose);

    /**
     * Disconnects the peer, sending WillDisconnect with the reason where its version allows.
     *
     * @param peer   the peer
     * @param reason why
     */
    void disconnect(PeerId peer, CloseReason reason);

    /**
     * Sends a control message (address exchange) to a handshaken peer.
     *
     * @param peer    the peer
     * @param message the message
     */
    void send(PeerId peer, Message message);
}
