package io.mintp2p.core.peers;

import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.SemVer;
import java.util.Optional;

/**
 * A connection whose Hello/HelloAck exchange succeeded (version, magic and clock already checked
 * by the session), handed to the peer manager to accept or refuse.
 *
 * @param address         the remote address as the transport sees it (for inbound: ephemeral port)
 * @param purpose         why we dialled (outbound), empty for inbound connections
 * @param commonVersion   the negotiated protocol version
 * @param receiverAddress how the remote sees us, from its Hello/HelloAck
 */
public record HandshakeResult(
        PeerId peer,
        TransportAddress address,
        Direction direction,
        Optional<DialPurpose> purpose,
        Optional<PeerIdentity> identity,
        int commonVersion,
        long remoteServices,
        String userAgent,
        SemVer softwareVersion,
        Optional<PeerAddress> receiverAddress) {
}
