package io.mintp2p.core.peers.manager;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.peers.BanEntry;
import io.mintp2p.core.peers.HandshakeResult;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.peers.PeerManagerActions;
import io.mintp2p.core.peers.bans.BanKey;
import io.mintp2p.core.peers.bans.BanList;
import io.mintp2p.core.peers.bans.DiscouragementKey;
import io.mintp2p.core.peers.bans.Discouragements;
import io.mintp2p.core.peers.connections.ConnectedPeer;
import io.mintp2p.core.peers.connections.PeerTable;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.PeerAddress;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Misbehaviour scores, discouragement and the operator's bans: who is kept away, and the
 * disconnections that follow. A peer whose score reaches the threshold is discouraged by its
 * {@link DiscouragementKey} ({@link DiscouragementKeys}, after {@code discourageBy}): network keys go
 * to the persisted {@link BanList}, identity and endpoint keys to the in-memory {@link Discouragements}.
 * Node thread only; ban changes are saved through {@link PeerState}.
 */
final class Discipline {
    private static final Logger log = LoggerFactory.getLogger(Discipline.class);

    private final P2pConfig config;
    private final PeerTable table;
    private final BanList bans;
    private final Discouragements discouragements;
    private final PeerState state;
    private final PeerManagerActions actions;

    Discipline(P2pConfig config, PeerTable table, PeerState state, Discouragements discouragements,
               PeerManagerActions actions) {
        this.config = config;
        this.table = table;
        this.bans = state.bans;
        this.discouragements = discouragements;
        this.state = state;
        this.actions = actions;
    }

    /** A connected peer broke a rule worth {@code score}. */
    void misbehave(ConnectedPeer peer, int score, DisconnectReason reason) {
        onMisbehaviour(Optional.of(peer.id), peer.address, peer.identity, score, CloseReason.of(reason));
    }

    /**
     * Adds to the peer's score; at the threshold its key is discouraged and every connected peer that
     * key covers is dropped. {@code remote} and {@code identity} key a connection the table does not hold.
     */
    void onMisbehaviour(Optional<PeerId> peerId, TransportAddress remote, Optional<PeerIdentity> identity, int score,
                        CloseReason reason) {
        Optional<ConnectedPeer> p = peerId.flatMap(table::get);
        int total = p.map(peer -> peer.addMisbehaviour(score)).orElse(score);
        log.debug("misbehaviour by {} {}: +{} ({} in total): {}", peerId.map(Object::toString).orElse("-"), remote,
                score, total, reason);
        if (total < config.discouragementThreshold()) {
            return;
        }
        DiscouragementKey key = p.map(peer -> DiscouragementKeys.of(config.discourageBy(), peer))
                .orElseGet(() -> DiscouragementKeys.ofUnaccepted(config.discourageBy(), remote, identity));
        if (key instanceof DiscouragementKey.Network n) {
            // Loopback is exempt only from network keys: an identity or one port still names one node.
            if (config.whitelistLoopback() && remote.ipLiteral().map(InetAddress::isLoopbackAddress).orElse(false)) {
                return;
            }
            bans.discourage(n.network().network(), config.discouragementDuration(), reason.message());
        } else {
            discouragements.discourage(key, config.discouragementDuration());
        }
        log.debug("discouraged {} for {}: {}", key, config.discouragementDuration(), reason);
        disconnectAll(key, DisconnectReason.DISCOURAGED);
    }

    /**
     * Whether the address must not be dialled (automatic dials only; a manual connect is the operator's
     * choice): its IP banned or discouraged, the endpoint discouraged, or the identity pinned for it.
     * Parses the address only if some address is banned or discouraged: the book asks this for every candidate.
     */
    boolean isBannedOrDiscouraged(TransportAddress a) {
        if (!discouragements.isEmpty() && (discouragements.isDiscouraged(new DiscouragementKey.Endpoint(a))
                || a.pinnedIdentity().map(id -> discouragements.isDiscouraged(new DiscouragementKey.Identity(id)))
                .orElse(false))) {
            return true;
        }
        if (bans.isEmpty()) {
            return false;
        }
        Optional<InetAddress> ip = a.ipLiteral();
        return ip.isPresent() && (bans.isBanned(ip.get()) || bans.isDiscouraged(ip.get()));
    }

    /**
     * Whether a freshly handshaken connection belongs to a discouraged identity or endpoint (refused
     * DISCOURAGED). Network keys are not asked here: the IP mode keeps Bitcoin Core's rule, where a
     * discouraged address is refused at accept only while the inbound slots are full.
     */
    boolean isDiscouraged(HandshakeResult r) {
        if (discouragements.isEmpty()) {
            return false;
        }
        return r.identity().map(id -> discouragements.isDiscouraged(new DiscouragementKey.Identity(id))).orElse(false)
                || discouragements.isDiscouraged(new DiscouragementKey.Endpoint(r.address()));
    }

    /**
     * An inbound peer announced a listen address: if it is at the IP the peer connects from, that is
     * where the peer listens, its key from now on (the first such address counts). If that endpoint
     * is discouraged, the peer is back within its discouragement: it is disconnected DISCOURAGED and
     * true returned (the announcement goes no further). A peer that announces nothing is not
     * recognised this way: without an identity that is the weak case of the AUTO key.
     */
    boolean refusesSelfAnnouncement(ConnectedPeer peer, PeerAddress announced) {
        if (peer.direction != Direction.INBOUND || announced.port() == 0 || !peer.isAt(announced)) {
            return false;
        }
        TransportAddress listen = TransportAddress.of(peer.address.scheme(), announced);
        peer.noteAnnouncedListenAddress(listen);
        if (!discouragements.isDiscouraged(new DiscouragementKey.Endpoint(listen))) {
            return false;
        }
        log.debug("{} {} announced {}, which is discouraged: disconnecting", peer.id, peer.address, listen);
        actions.disconnect(peer.id, CloseReason.of(DisconnectReason.DISCOURAGED));
        return true;
    }

    /** Forgets expired discouragements (the peer manager's tick; bans expire in the {@link BanList}). */
    void expire() {
        discouragements.expire();
    }

    /** Bans and disconnects at once; the future completes once the ban is saved. */
    CompletableFuture<Void> ban(InetAddress address, Duration duration, String reason) {
        bans.ban(address, duration, reason);
        disconnectAll(new DiscouragementKey.Network(BanKey.of(address)), DisconnectReason.BANNED);
        return state.saveBans();
    }

    CompletableFuture<Void> unban(InetAddress address) {
        return bans.unban(address) ? state.saveBans() : CompletableFuture.completedFuture(null);
    }

    List<BanEntry> bans() {
        bans.expire();
        return bans.entries();
    }

    /** Disconnects every connected peer the key covers (for a network key: its whole IPv6 /64 too). */
    private void disconnectAll(DiscouragementKey key, DisconnectReason reason) {
        for (ConnectedPeer p : table.snapshot()) {
            if (DiscouragementKeys.covers(key, p)) {
                actions.disconnect(p.id, CloseReason.of(reason));
            }
        }
    }
}
