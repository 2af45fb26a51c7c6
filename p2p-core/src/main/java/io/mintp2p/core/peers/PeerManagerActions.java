package io.mintp2p.core.peers;

import io.mintp2p.core.node.PeerId;
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
     */
    void dial(TransportAddress address, DialPurpose purpose);

    /** Disconnects the peer, sending WillDisconnect with the reason where its version allows. */
    void disconnect(PeerId peer, CloseReason reason);

    /** Sends a control message (address exchange) to a handshaken peer. */
    void send(PeerId peer, Message message);
}
