package io.mintp2p.core.node;

import io.mintp2p.core.admission.PendingConnections;
import io.mintp2p.core.peers.HandshakeResult;
import io.mintp2p.core.peers.PeerManager;
import io.mintp2p.core.peers.Verdict;
import io.mintp2p.core.session.RemoteHello;
import io.mintp2p.core.time.Scheduler;
import java.time.Duration;

/**
 * A completed handshake put to the peer manager, and its verdict carried out: accept the peer, refuse
 * it, or serve it addresses and then let it go (a full node helping a newcomer).
 *
 * <p>Thread: the node thread only. Nothing blocks.
 */
final class HandshakeVerdicts {
    private final LinkTable links;
    private final PeerManager peerManager;
    private final PendingConnections admission;
    private final StatsCollector stats;
    private final EventLog eventLog;
    private final PeerEventBus events;
    private final ManualDials manualDials;
    private final SharedHellos hellos = new SharedHellos();
    private final Scheduler scheduler;
    private final Duration servingTime;
    /** The protocols' per-peer start; null when the node has none. */
    private final ProtocolRuntime protocols;

    HandshakeVerdicts(LinkTable links, PeerManager peerManager, PendingConnections admission, StatsCollector stats,
                      EventLog eventLog, PeerEventBus events, ManualDials manualDials, Scheduler scheduler,
                      Duration servingTime) {
        this(links, peerManager, admission, stats, eventLog, events, manualDials, scheduler, servingTime, null);
    }

    HandshakeVerdicts(LinkTable links, PeerManager peerManager, PendingConnections admission, StatsCollector stats,
                      EventLog eventLog, PeerEventBus events, ManualDials manualDials, Scheduler scheduler,
                      Duration servingTime, ProtocolRuntime protocols) {
        this.protocols = protocols;
        this.links = links;
        this.peerManager = peerManager;
        this.admission = admission;
        this.stats = stats;
        this.eventLog = eventLog;
        this.events = events;
        this.manualDials = manualDials;
        this.scheduler = scheduler;
        this.servingTime = servingTime;
    }

    void handshakeCompleted(Link link, RemoteHello remote) {
        // The peer manager hears the receiver address now; the link keeps the rest for the peer's life,
        // shared with the peers that sent the same.
        link.remote = hellos.share(remote.withoutReceiverAddress());
        link.connectedSinceMillis = scheduler.clock().wallMillis();
        stats.handshakeOk();
        Verdict verdict;
        links.judging(link);
        try {
            verdict = peerManager.onHandshakeCompleted(new HandshakeResult(link.id, link.address,
                    link.direction(), link.purpose, link.connection.identity(), remote.commonVersion(),
                    remote.services(), remote.userAgent(), remote.softwareVersion(), remote.receiverAddress()));
        } finally {
            links.doneJudging();
        }
        switch (verdict.kind()) {
            case ACCEPT -> accept(link);
            case REJECT -> {
                link.phase = Link.Phase.REJECTED;
                eventLog.info("refused", "{} {} refused after handshake: {}", link.id, link.address,
                        verdict.closeReason());
                link.disconnect(verdict.closeReason());
            }
            case SERVE_ADDRESSES_THEN_DISCONNECT -> {
                // Keeps its pending slot until it is gone: served peers are not free either.
                link.phase = Link.Phase.SERVING;
                links.serve(link);
                link.servingReason = verdict.closeReason();
                scheduler.schedule(servingTime, () -> link.disconnect(verdict.closeReason()));
            }
        }
    }

    private void accept(Link link) {
        link.phase = Link.Phase.ACCEPTED;
        links.accept(link);
        if (protocols != null) {
            // Before its messages may skip the node thread: the hooks come first in the peer's handler order.
            protocols.accepted(link);
        }
        link.openDirect();
        admission.release(link.connection.id());
        link.connection.handshakeCompleted();
        link.grantFullBudget();
        PeerSnapshot snapshot = link.snapshot();
        eventLog.info("connected", "{} {} {} connected ({} v{} services {})", link.id,
                link.direction().name().toLowerCase(), link.address, link.remote.userAgent(),
                link.remote.commonVersion(), link.remote.services());
        manualDials.connected(link, snapshot);
        events.publish(new PeerEvent.Connected(link.id, snapshot));
    }
}
