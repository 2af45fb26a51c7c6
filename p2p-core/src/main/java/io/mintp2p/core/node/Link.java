package io.mintp2p.core.node;

import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.session.PeerSession;
import io.mintp2p.core.session.RemoteHello;
import io.mintp2p.core.session.SessionOutput;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.Message;
import java.time.Duration;
import io.mintp2p.core.wire.ServiceFlags;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The node runtime's record of one connection: transport, session, and where it stands with the peer
 * manager. It is also the connection's route, read budget, traffic notice and handler queue (the
 * layers it extends, each a class of its own) and its session's output: one object per peer instead
 * of seven, which an idle peer paid for in headers and references (BENCHMARKS.md, "Where an idle
 * peer's memory goes").
 *
 * <p>Made on the transport thread when the connection opens; the node thread gives it an id and a
 * session ({@link #open}) before anything else of the connection reaches it.
 */
final class Link extends InboundRoute implements SessionOutput {
    enum Phase {
        /** Handshake not finished. */
        HANDSHAKING,
        /** Accepted by the peer manager: a peer. */
        ACCEPTED,
        /** Not kept, but answering its address request before it is dropped. */
        SERVING,
        /** Refused after the handshake; closing. */
        REJECTED,
        /** Forgotten by the node (closed, or refused at shutdown): what still comes for it goes nowhere. */
        CLOSED
    }

    private final LinkOwner owner;
    final Connection connection;
    /** The address we dialled (outbound) or the remote's address (inbound). */
    final TransportAddress address;
    final Optional<DialPurpose> purpose;
    /** Null until {@link #open}; written on the node thread before the link is published to any other. */
    PeerId id;
    PeerSession session;
    Phase phase = Phase.HANDSHAKING;
    RemoteHello remote;
    /** Wall-clock millis of the handshake (an Instant made per snapshot, not kept per peer). */
    long connectedSinceMillis;
    /** The last ping round trip in nanoseconds, -1 before the first (a Duration is made per snapshot). */
    volatile long lastRttNanos = -1;
    CloseReason localCloseReason;
    CloseReason servingReason;

    Link(LinkOwner owner, Connection connection, TransportAddress address, Optional<DialPurpose> purpose) {
        this.owner = owner;
        this.connection = connection;
        this.address = address;
        this.purpose = purpose;
    }

    /**
     * Transport thread, in onOpen, once: the connection's session, started there (a dial's Hello
     * leaves at once, an inbound Hello is answered there, see DefaultP2pNode). The node thread sees it
     * through the task that takes the link on ({@link #open}).
     */
    void startedSession(PeerSession session) {
        this.session = session;
    }

    /** Node thread, once: the node took the connection on. */
    void open(PeerId id) {
        this.id = id;
    }

    /** Whether the node thread has taken the connection on yet (see {@link #open}). */
    boolean isTakenOn() {
        return id != null;
    }

    Direction direction() {
        return connection.direction();
    }

    @Override
    PeerSnapshot snapshot() {
        return new PeerSnapshot(id, address, connection.direction(), purpose, connection.identity(),
                remote.commonVersion(), remote.userAgent(), remote.softwareVersion(), ServiceFlags.of(remote.services()),
                lastRttNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(lastRttNanos)), connection.bytesIn(), connection.bytesOut(), Instant.ofEpochMilli(connectedSinceMillis),
                connection.isWritable(), isPaused());
    }

    // --- the layers' needs -----------------------------------------------------------------------------

    @Override
    Executor pool() {
        return owner.handlerPool();
    }

    @Override
    Connection connection() {
        return connection;
    }

    @Override
    ReadLimits limits() {
        return owner.readLimits();
    }

    // --- the session's output, handed to the node with this link -----------------------------------------

    @Override
    public void send(Message message) {
        owner.send(this, message);
    }

    @Override
    public void close(CloseReason reason) {
        owner.close(this, reason);
    }

    @Override
    public void handshakeCompleted(RemoteHello remote) {
        owner.handshakeCompleted(this, remote);
    }

    @Override
    public void received(Message message) {
        owner.received(this, message);
    }

    @Override
    public void misbehaved(int score, CloseReason reason) {
        owner.misbehaved(this, score, reason);
    }

    @Override
    public void pingRoundTrip(Duration rtt) {
        owner.pingRoundTrip(this, rtt);
    }
}
