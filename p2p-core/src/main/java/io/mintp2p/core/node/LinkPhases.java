package io.mintp2p.core.node;

import io.mintp2p.core.admission.PendingConnections;
import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.peers.PeerManager;
import io.mintp2p.core.time.Clock;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.wire.AppMessage;
import io.mintp2p.core.wire.DecodeException;
import io.mintp2p.core.wire.Message;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a link on the node thread: taken on ({@link #opened}), its messages handled, its close
 * accounted for in the phase it reached (handshaking, accepted, serving, rejected), misbehaviour
 * reported. The verdict on a completed handshake is {@link HandshakeVerdicts}'.
 *
 * <p>Thread: the node thread only (every method is called from a scheduler task). Nothing blocks.
 */
final class LinkPhases {
    private static final Logger log = LoggerFactory.getLogger(LinkPhases.class);
    static final CloseReason SHUTDOWN = CloseReason.of(DisconnectReason.SHUTDOWN);

    private final LinkTable links;
    private final RunState run;
    private final PeerManager peerManager;
    private final PendingConnections admission;
    private final StatsCollector stats;
    private final EventLog eventLog;
    private final PeerEventBus events;
    private final ManualDials manualDials;
    private final HandlerDispatch dispatch;
    private final Clock clock;

    LinkPhases(LinkTable links, RunState run, PeerManager peerManager, PendingConnections admission,
               StatsCollector stats, EventLog eventLog, PeerEventBus events, ManualDials manualDials,
               HandlerDispatch dispatch, Clock clock) {
        this.links = links;
        this.run = run;
        this.peerManager = peerManager;
        this.admission = admission;
        this.stats = stats;
        this.eventLog = eventLog;
        this.events = events;
        this.manualDials = manualDials;
        this.dispatch = dispatch;
        this.clock = clock;
    }

    /** The node takes on a connection whose session started on its transport thread (onOpen). */
    void opened(Connection connection) {
        Link link = links.linkOf(connection);
        if (!run.isRunning() || link == null || link.session == null) {
            // Forgotten at once: whatever still comes from the connection goes nowhere.
            links.forget(connection);
            if (link != null) {
                link.phase = Link.Phase.CLOSED;
            }
            if (link != null && link.session != null) {
                link.transportClosed();
            }
            connection.close(SHUTDOWN);
            return;
        }
        link.open(links.nextId());
        if (connection.direction() == Direction.OUTBOUND) {
            stats.dial(true);
        }
    }

    /**
     * A decoded message that came through the node thread. Its read budget is given back once it is
     * handled: here, or by the handler task for an application message of an accepted peer.
     */
    void received(Link link, Message message, int size) {
        if (link.phase == Link.Phase.CLOSED) {
            // Forgotten (closed, or refused at shutdown): the node is done with it.
            link.release(size);
            releaseBody(message);
            return;
        }
        stats.messageIn(message);
        if (message instanceof AppMessage<?> app && link.isEstablished()) {
            // The session only notes the traffic of an application message: the node routes it with its size.
            link.noteSessionTraffic();
            if (link.phase == Link.Phase.ACCEPTED) {
                if (app.type().countsAsUseful()) {
                    peerManager.onUsefulMessage(link.id);
                }
                dispatch.deliver(link, app, size, false);
                return;
            }
            link.release(size);
            app.releaseBody();
            return;
        }
        try {
            link.handle(message);
        } finally {
            link.release(size);
            releaseBody(message);
        }
    }

    /** A received message nobody will handle: a body that holds part of the frame goes back. */
    static void releaseBody(Message message) {
        if (message instanceof AppMessage<?> app) {
            app.releaseBody();
        }
    }

    /** Messages came without passing here: the session is not idle, the peer may be useful. */
    void noteTraffic(Link link) {
        boolean useful = link.takeTrafficNotice(clock.monotonicNanos());
        link.noteSessionTraffic();
        if (useful && link.phase == Link.Phase.ACCEPTED) {
            peerManager.onUsefulMessage(link.id);
        }
    }

    void decodeFailed(Connection connection, DecodeException e) {
        Link link = links.linkOf(connection);
        if (link == null || !link.isTakenOn()) {
            return;
        }
        CloseReason reason = CloseReason.of(DisconnectReason.DECODE_ERROR, e.getMessage());
        reportMisbehaviour(link, e.banScore(), reason);
        link.disconnect(reason);
    }

    void closed(Connection connection, CloseReason closeReason) {
        admission.release(connection.id());
        Link link = links.forget(connection);
        if (link == null || !link.isTakenOn()) {
            // Refused before a link existed (shutting down): nothing to undo.
            return;
        }
        link.transportClosed();
        if (closeReason.banScore() > 0) {
            reportMisbehaviour(link, closeReason.banScore(), closeReason);
        }
        CloseReason reason = link.localCloseReason != null ? link.localCloseReason : closeReason;
        Link.Phase phase = link.phase;
        link.phase = Link.Phase.CLOSED;
        switch (phase) {
            case HANDSHAKING -> handshakeFailed(link, reason);
            case ACCEPTED -> {
                links.removeAccepted(link.id);
                link.closeDirect();
                stats.disconnected(reason.code());
                peerManager.onPeerDisconnected(link.id, reason);
                dispatch.peerClosed(link, reason);
                eventLog.info("disconnected", "{} {} {} disconnected: {}", link.id,
                        link.direction().name().toLowerCase(), link.address, reason);
                events.publish(new PeerEvent.Disconnected(link.id, link.snapshot(), reason));
            }
            case SERVING -> {
                links.unserve(link.id);
                peerManager.onPeerDisconnected(link.id, reason);
            }
            case REJECTED -> {
                stats.handshakeFailed(reason.code());
                manualDials.failed(link, reason);
                events.publish(new PeerEvent.HandshakeFailed(link.id, link.address, reason));
            }
            case CLOSED -> throw new IllegalStateException(link.id + " closed twice");
        }
    }

    private void handshakeFailed(Link link, CloseReason reason) {
        if (link.direction() == Direction.OUTBOUND) {
            CloseReason why = link.wasSelfConnection() ? CloseReason.of(DisconnectReason.SELF_CONNECTION) : reason;
            peerManager.onOutboundFailed(link.address, link.purpose.orElse(DialPurpose.MANUAL), why);
            manualDials.failed(link, why);
            reason = why;
        }
        stats.handshakeFailed(reason.code());
        log.debug("{} {} handshake failed: {}", link.id, link.address, reason);
        events.publish(new PeerEvent.HandshakeFailed(link.id, link.address, reason));
    }

    /**
     * The application reports an accepted (or served) peer: the same path as the node's own checks.
     * Nothing happens if the peer is gone.
     */
    void applicationReport(PeerId peer, int score, CloseReason reason) {
        Link link = links.accepted(peer);
        if (link == null) {
            link = links.notAcceptedYet(peer);
        }
        if (link != null && link.phase != Link.Phase.CLOSED) {
            reportMisbehaviour(link, score, reason);
        }
    }

    void reportMisbehaviour(Link link, int score, CloseReason reason) {
        if (link.direction() == Direction.OUTBOUND && link.phase == Link.Phase.HANDSHAKING) {
            // Whatever answered a dial of ours before the handshake is not a peer: the address may be
            // stale or planted in our book (anything at all listens there, a web server, a proxy that
            // answers every address). Discouraging its IP would refuse an honest node that connects
            // from it; the dial fails with this reason and the address backs off instead.
            return;
        }
        Optional<PeerId> peer = link.phase == Link.Phase.ACCEPTED || link.phase == Link.Phase.SERVING
                ? Optional.of(link.id) : Optional.empty();
        peerManager.onMisbehaviour(peer, link.connection.remote(), link.connection.identity(), score, reason);
        events.publish(new PeerEvent.Misbehaved(link.id, link.address, score, reason));
    }
}
