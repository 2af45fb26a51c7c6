package io.mintp2p.core.node;

import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.session.PeerSession;
import io.mintp2p.core.session.RemoteHello;
import io.mintp2p.core.transport.CloseReason;
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
    /** Wall-clock millis of the handshake (an Instant made per snapshot, not kept per peer). */
    long connectedSinceMillis;
    /** The last ping round trip in nanoseconds, -1 before the first (a Duration is made per snapshot). */
    volatile long lastRttNanos = -1;
    CloseReason localCloseReason;
    CloseReason servingReason;
    /**
     * Bytes of the message being handled on the node thread whose read budget is still owed, or -1
     * once a handler task took it over (node thread only).
     */
    int unhandledBytes = -1;
    /** Read backpressure of this connection (shared with the transport-thread handler). */
    final ReadBudget budget;
    /** Where the transport thread sends this connection's frames (shared with it). */
    final InboundRoute route;
    /** Traffic delivered without the node thread, still to be noted there. */
    final TrafficNotice traffic = new TrafficNotice();
    /** Runs this peer's application handlers in order, off the node thread. */
    final SerialExecutor handlers;

    Link(PeerId id, Connection connection, TransportAddress address, Optional<DialPurpose> purpose,
         InboundRoute route, SerialExecutor handlers) {
        this.id = id;
        this.connection = connection;
        this.address = address;
        this.purpose = purpose;
        this.route = route;
        this.budget = route.budget;
        this.handlers = handlers;
    }

    Direction direction() {
        return connection.direction();
    }

    PeerSnapshot snapshot() {
        return new PeerSnapshot(id, address, connection.direction(), purpose, connection.identity(),
                remote.commonVersion(), remote.userAgent(), remote.softwareVersion(), remote.services(),
                lastRttNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(lastRttNanos)), connection.bytesIn(), connection.bytesOut(), Instant.ofEpochMilli(connectedSinceMillis),
                connection.isWritable(), budget.isPaused());
    }
}
