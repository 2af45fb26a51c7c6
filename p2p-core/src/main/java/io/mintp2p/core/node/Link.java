package io.mintp2p.core.node;

import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.session.PeerSession;
import io.mintp2p.core.session.RemoteHello;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.TransportAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The node runtime's record of one connection: transport, session, and where it stands with the peer manager. */
final class Link {
    enum Phase {
        /** Handshake not finished. */
        HANDSHAKING,
        /** Accepted by the peer manager: a peer. */
        ACCEPTED,
        /** Not kept, but answering its address request before it is dropped. */
        SERVING,
        /** Refused after the handshake; closing. */
        REJECTED
    }

    final PeerId id;
    final Connection connection;
    /** The address we dialled (outbound) or the remote's address (inbound). */
    final TransportAddress address;
    final Optional<DialPurpose> purpose;
    PeerSession session;
    Phase phase = Phase.HANDSHAKING;
    RemoteHello remote;
    Instant connectedSince;
    volatile Duration lastRtt;
    String localCloseReason;
    String servingReason;

    Link(PeerId id, Connection connection, TransportAddress address, Optional<DialPurpose> purpose) {
        this.id = id;
        this.connection = connection;
        this.address = address;
        this.purpose = purpose;
    }

    Direction direction() {
        return connection.direction();
    }

    PeerSnapshot snapshot() {
        return new PeerSnapshot(id, address, connection.direction(), connection.identity(),
                remote.commonVersion(), remote.userAgent(), remote.softwareVersion(), remote.services(),
                Optional.ofNullable(lastRtt), connection.bytesIn(), connection.bytesOut(), connectedSince);
    }
}
