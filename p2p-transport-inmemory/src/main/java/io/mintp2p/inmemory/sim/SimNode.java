package io.mintp2p.inmemory.sim;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.OutboundSlot;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.TransportAddress;
import java.util.ArrayList;
import java.util.List;

/** One node of a {@link Simulation}: a real {@link P2pNode} on a virtual host. On the simulation's thread only. */
public final class SimNode {
    private final String ip;
    private final P2pConfig config;
    P2pNode node;
    NodeScheduler scheduler;
    boolean crashed;
    /**
     * Followed from the node's own Connected/Disconnected events (which pair up one to one): the
     * convergence checks ask it of every node every few virtual seconds, and building every node's
     * peer snapshots for that cost a tenth of a 10 000-node run.
     */
    private int fullRelayOutbound;
    /** Hosts of the connected peers, followed from the same events: the peer graph of a large network is built from these instead of snapshots. */
    private final List<String> peerHosts = new ArrayList<>(0);

    SimNode(String ip, P2pConfig config) {
        this.ip = ip;
        this.config = config;
    }

    /**
     * The virtual host.
     *
     * @return its IP string
     */
    public String ip() {
        return ip;
    }

    /**
     * The config the node was built with, also at each restart.
     *
     * @return the config
     */
    public P2pConfig config() {
        return config;
    }

    /**
     * The running node; after a restart, a new instance.
     *
     * @return the current process's node
     */
    public P2pNode node() {
        return node;
    }

    /**
     * Whether the node is crashed and not restarted.
     *
     * @return true while crashed
     */
    public boolean isCrashed() {
        return crashed;
    }

    /**
     * Where the node listens.
     *
     * @return its first listen address
     */
    public TransportAddress address() {
        return config.listenAddresses().get(0);
    }

    /**
     * The node's outbound peers now, of any slot.
     *
     * @return the count
     */
    public long outboundCount() {
        return node.peers().stream().filter(p -> p.direction() == Direction.OUTBOUND).count();
    }

    /**
     * Outbound peers in a full-relay slot (the ones {@code targetOutbound} counts).
     *
     * @return the count, followed from the node's events
     */
    public long fullRelayOutboundCount() {
        return fullRelayOutbound;
    }

    /** A new process starts with no peers. */
    void resetTracking() {
        fullRelayOutbound = 0;
        peerHosts.clear();
    }

    /** Called for each of the node's peer events, before any listener of the simulation. */
    void track(PeerEvent event) {
        if (event instanceof PeerEvent.Connected c) {
            peerHosts.add(c.snapshot().address().host());
            if (fillsFullRelaySlot(c.snapshot())) {
                fullRelayOutbound++;
            }
        } else if (event instanceof PeerEvent.Disconnected d) {
            peerHosts.remove(d.snapshot().address().host());
            if (fillsFullRelaySlot(d.snapshot())) {
                fullRelayOutbound--;
            }
        }
    }

    /** The hosts of the connected peers (a host twice if connected twice), followed from events; a live view. */
    List<String> peerHosts() {
        return peerHosts;
    }

    static boolean fillsFullRelaySlot(PeerSnapshot p) {
        return p.purpose().map(DialPurpose::slot).orElse(OutboundSlot.NONE) == OutboundSlot.FULL_RELAY;
    }

    /**
     * The node's inbound peers now.
     *
     * @return the count
     */
    public long inboundCount() {
        return node.peers().stream().filter(p -> p.direction() == Direction.INBOUND).count();
    }

    /**
     * The node's peers now.
     *
     * @return a snapshot of each connected peer
     */
    public List<PeerSnapshot> peers() {
        return node.peers();
    }

    @Override
    public String toString() {
        return ip;
    }
}
