package io.mintp2p.core.node;

import io.mintp2p.core.peers.PeerManager;
import io.mintp2p.core.session.RemoteHello;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.wire.AddrListRequest;
import io.mintp2p.core.wire.AddrListResponse;
import io.mintp2p.core.wire.AnnounceAddrRequest;
import io.mintp2p.core.wire.Message;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * What the links' sessions ask of the node ({@link LinkOwner}), routed to the part that does it.
 *
 * <p>Threads: the node thread, except while an inbound session answers the peer's Hello on its
 * transport thread: then the handshake's outcome and any misbehaviour are queued for the node thread
 * ({@link #onNodeThread}), behind the task that takes the link on and before any later frame of it.
 */
final class SessionRequests implements LinkOwner {
    private final Executor handlerPool;
    private final ReadBudget readBudget;
    private final OutboundSender sender;
    private final HandshakeVerdicts verdicts;
    private final LinkPhases phases;
    private final PeerManager peerManager;
    private final Scheduler scheduler;

    SessionRequests(Executor handlerPool, ReadBudget readBudget, OutboundSender sender, HandshakeVerdicts verdicts,
                    LinkPhases phases, PeerManager peerManager, Scheduler scheduler) {
        this.handlerPool = handlerPool;
        this.readBudget = readBudget;
        this.sender = sender;
        this.verdicts = verdicts;
        this.phases = phases;
        this.peerManager = peerManager;
        this.scheduler = scheduler;
    }

    @Override
    public Executor handlerPool() {
        return handlerPool;
    }

    @Override
    public ReadBudget readBudget() {
        return readBudget;
    }

    @Override
    public void send(Link link, Message message) {
        sender.sendOn(link, message);
    }

    @Override
    public void close(Link link, CloseReason reason) {
        link.localCloseReason = reason;
        link.connection.close(reason);
    }

    @Override
    public void handshakeCompleted(Link link, RemoteHello remote) {
        if (onNodeThread(link, () -> handshakeCompleted(link, remote))) {
            verdicts.handshakeCompleted(link, remote);
        }
    }

    /** Address exchange goes to the peer manager; application messages are routed by {@link LinkPhases#received}. */
    @Override
    public void received(Link link, Message message) {
        if ((message instanceof AddrListRequest || message instanceof AddrListResponse
                || message instanceof AnnounceAddrRequest)
                && (link.phase == Link.Phase.ACCEPTED || link.phase == Link.Phase.SERVING)) {
            peerManager.onMessage(link.id, message);
        }
    }

    @Override
    public void misbehaved(Link link, int score, CloseReason reason) {
        if (onNodeThread(link, () -> misbehaved(link, score, reason))) {
            phases.reportMisbehaviour(link, score, reason);
        }
    }

    @Override
    public void pingRoundTrip(Link link, Duration rtt) {
        link.lastRttNanos = rtt.toNanos();
        if (link.phase == Link.Phase.ACCEPTED) {
            peerManager.onPingRoundTrip(link.id, rtt);
        }
    }

    /**
     * True on the node thread once it has taken the link on; else {@code task} is queued for it and
     * false returned.
     */
    private boolean onNodeThread(Link link, Runnable task) {
        if (scheduler.inLoop() && link.isTakenOn()) {
            return true;
        }
        scheduler.execute(task);
        return false;
    }
}
