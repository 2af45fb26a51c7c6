package io.mintp2p.core.peers.manager;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.peers.BanEntry;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.peers.PeerManagerActions;
import io.mintp2p.core.peers.bans.BanKey;
import io.mintp2p.core.peers.bans.BanList;
import io.mintp2p.core.peers.connections.ConnectedPeer;
import io.mintp2p.core.peers.connections.PeerTable;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Misbehaviour scores, discouragement and the operator's bans: who is kept away, and the
 * disconnections that follow. Node thread only; ban changes are saved through {@link PeerState}.
 */
final class Discipline {
    private static final Logger log = LoggerFactory.getLogger(Discipline.class);

    private final P2pConfig config;
    private final PeerTable table;
    private final BanList bans;
    private final PeerState state;
    private final PeerManagerActions actions;

    Discipline(P2pConfig config, PeerTable table, PeerState state, PeerManagerActions actions) {
        this.config = config;
        this.table = table;
        this.bans = state.bans;
        this.state = state;
        this.actions = actions;
    }

    /** A connected peer broke a rule worth {@code score}. */
    void misbehave(ConnectedPeer peer, int score, DisconnectReason reason) {
        peer.address.ipLiteral().ifPresent(ip -> onMisbehaviour(Optional.of(peer.id), ip, score, CloseReason.of(reason)));
    }

    /** Adds to the peer's score; at the threshold its address is discouraged and its peers dropped. */
    void onMisbehaviour(Optional<PeerId> peerId, InetAddress address, int score, CloseReason reason) {
        int total = score;
        Optional<ConnectedPeer> p = peerId.flatMap(table::get);
        if (p.isPresent()) {
            total = p.get().addMisbehaviour(score);
        }
        log.debug("misbehaviour by {} {}: +{} ({} in total): {}", peerId.map(Object::toString).orElse("-"), address,
                score, total, reason);
        if (total < config.discouragementThreshold()) {
            return;
        }
        if (config.whitelistLoopback() && address.isLoopbackAddress()) {
            return;
        }
        bans.discourage(address, config.discouragementDuration(), reason.message());
        disconnectAll(address, DisconnectReason.DISCOURAGED);
    }

    /** Parses the address only if some address is banned or discouraged: the book asks this for every candidate. */
    boolean isBannedOrDiscouraged(TransportAddress a) {
        if (bans.isEmpty()) {
            return false;
        }
        Optional<InetAddress> ip = a.ipLiteral();
        return ip.isPresent() && (bans.isBanned(ip.get()) || bans.isDiscouraged(ip.get()));
    }

    /** Bans and disconnects at once; the future completes once the ban is saved. */
    CompletableFuture<Void> ban(InetAddress address, Duration duration, String reason) {
        bans.ban(address, duration, reason);
        disconnectAll(address, DisconnectReason.BANNED);
        return state.saveBans();
    }

    CompletableFuture<Void> unban(InetAddress address) {
        return bans.unban(address) ? state.saveBans() : CompletableFuture.completedFuture(null);
    }

    List<BanEntry> bans() {
        bans.expire();
        return bans.entries();
    }

    /** Disconnects every peer the ban key of {@code address} covers (its IPv6 /64 too). */
    private void disconnectAll(InetAddress address, DisconnectReason reason) {
        BanKey key = BanKey.of(address);
        for (ConnectedPeer p : table.snapshot()) {
            if (p.address.ipLiteral().map(ip -> BanKey.of(ip).equals(key)).orElse(false)) {
                actions.disconnect(p.id, CloseReason.of(reason));
            }
        }
    }
}
