package io.mintp2p.core.node;

import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.peers.PeerManager;
import io.mintp2p.core.peers.PeerManagerActions;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.Transport;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.transport.TransportException;
import io.mintp2p.core.wire.Message;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The peer manager's hands: dials through the transports, disconnects and sends by peer id, and
 * reports a failed dial back to it.
 *
 * <p>Made before the peer manager it serves (which is built with it), so the manager and the router
 * whose handlers its dials use are given once, by {@link #bind}, before the node starts.
 *
 * <p>Thread: the node thread (the peer manager's); a dial's failure comes back on the transport's
 * thread and is handed to the node thread. Nothing blocks.
 */
final class PeerManagerBridge implements PeerManagerActions {
    private final Map<String, Transport> transports;
    private final Scheduler scheduler;
    private final LinkTable links;
    private final OutboundSender sender;
    private final ManualDials manualDials;
    private final StatsCollector stats;
    private PeerManager peerManager;
    private FrameRouter router;

    PeerManagerBridge(Map<String, Transport> transports, Scheduler scheduler, LinkTable links, OutboundSender sender,
                      ManualDials manualDials, StatsCollector stats) {
        this.transports = transports;
        this.scheduler = scheduler;
        this.links = links;
        this.sender = sender;
        this.manualDials = manualDials;
        this.stats = stats;
    }

    void bind(PeerManager peerManager, FrameRouter router) {
        if (this.peerManager != null) {
            throw new IllegalStateException("already bound");
        }
        this.peerManager = peerManager;
        this.router = router;
    }

    @Override
    public void dial(TransportAddress address, DialPurpose purpose) {
        Transport transport = transports.get(address.scheme());
        if (transport == null) {
            scheduler.execute(() -> peerManager.onOutboundFailed(address, purpose,
                    CloseReason.of(DisconnectReason.NO_TRANSPORT, address.scheme())));
            return;
        }
        transport.dial(address, router.forDial(purpose, address)).whenComplete((c, error) -> {
            if (error != null) {
                scheduler.execute(() -> {
                    stats.dial(false);
                    peerManager.onOutboundFailed(address, purpose, dialFailure(error));
                    if (purpose == DialPurpose.MANUAL) {
                        manualDials.dialFailed(address, error);
                    }
                });
            }
        });
    }

    /** The typed reason of a failed dial. */
    private static CloseReason dialFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TransportException t) {
            return t.reason();
        }
        return CloseReason.of(DisconnectReason.CONNECT_FAILED, String.valueOf(cause.getMessage()));
    }

    @Override
    public void disconnect(PeerId peer, CloseReason reason) {
        // A peer being let go is no longer counted or shown, even before its close completes.
        Link link = links.removeAccepted(peer);
        if (link != null) {
            link.closeDirect();
        } else {
            link = links.notAcceptedYet(peer);
        }
        if (link != null) {
            link.disconnect(reason);
        }
    }

    @Override
    public void send(PeerId peer, Message message) {
        Link link = links.accepted(peer);
        if (link == null) {
            link = links.notAcceptedYet(peer);
        }
        if (link != null && link.isEstablished()) {
            sender.sendOn(link, message);
        }
    }
}
