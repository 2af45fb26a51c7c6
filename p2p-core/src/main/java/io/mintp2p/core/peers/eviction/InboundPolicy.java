package io.mintp2p.core.peers.eviction;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.peers.HandshakeResult;
import io.mintp2p.core.peers.Verdict;
import io.mintp2p.core.peers.bans.BanList;
import io.mintp2p.core.peers.connections.ConnectedPeer;
import io.mintp2p.core.peers.connections.PeerTable;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Whether a handshaken inbound peer may stay: banned and service-less peers are refused; when the
 * inbound slots are full a discouraged newcomer is refused, otherwise {@link InboundEviction} picks a
 * peer to make room, and if every peer is protected (or the one picked only just arrived) the
 * newcomer is served addresses and let go.
 * Reserved peers are never evicted; they are matched by IP (an inbound peer's port is ephemeral,
 * never its listen port) and, where the reserved address names one, by identity.
 * <p>Node thread only; nothing blocks.
 */
public final class InboundPolicy {
    /**
     * When eviction picks a peer this young (not discouraged), the newcomer is served and let go
     * instead: that peer has not had its address answer yet, and newcomers evicting each other at a
     * full boot node would each leave with nothing. The choice itself is made over every peer, so a
     * flood's young connections still count towards their group and are what it picks.
     */
    public static final Duration MIN_AGE_BEFORE_EVICTION = Duration.ofSeconds(10);

    private final P2pConfig config;
    private final PeerTable table;
    private final BanList bans;
    private final InboundEviction eviction;
    private final Function<TransportAddress, String> groupOf;
    private final Consumer<ConnectedPeer> evict;
    private final RecentEvictions recentEvictions = new RecentEvictions();
    private long servedAndDropped;

    public InboundPolicy(P2pConfig config, PeerTable table, BanList bans, InboundEviction eviction,
                  Function<TransportAddress, String> groupOf, Consumer<ConnectedPeer> evict) {
        this.config = config;
        this.table = table;
        this.bans = bans;
        this.eviction = eviction;
        this.groupOf = groupOf;
        this.evict = evict;
    }

    /** Decides, and records the newcomer in the table unless it is refused outright. */
    public Verdict admit(HandshakeResult r, long now) {
        Optional<InetAddress> ip = r.address().ipLiteral();
        if (ip.isPresent() && bans.isBanned(ip.get())) {
            return Verdict.reject(DisconnectReason.BANNED);
        }
        if (config.services().bits() != 0 && (r.remoteServices() & config.services().bits()) == 0) {
            return Verdict.reject(DisconnectReason.NO_COMMON_SERVICES);
        }
        String group = groupOf.apply(r.address());
        if (table.inboundCount() >= config.maxInbound()) {
            if (ip.isPresent() && bans.isDiscouraged(ip.get())) {
                return Verdict.reject(DisconnectReason.INBOUND_FULL_DISCOURAGED);
            }
            Optional<ConnectedPeer> victim = eviction.choose(evictable(), this::isDiscouraged, group, now,
                            p -> !recentEvictions.contains(p.address.host(), now))
                    .filter(v -> now - v.connectedAtMillis >= MIN_AGE_BEFORE_EVICTION.toMillis() || isDiscouraged(v));
            if (victim.isEmpty()) {
                table.add(new ConnectedPeer(r, group, now, false));
                servedAndDropped++;
                return Verdict.serveAddressesThenDisconnect(DisconnectReason.INBOUND_FULL);
            }
            recentEvictions.add(victim.get().address.host(), now);
            evict.accept(victim.get());
        }
        table.add(new ConnectedPeer(r, group, now, true));
        return Verdict.accept();
    }

    public long servedAndDropped() {
        return servedAndDropped;
    }

    private List<ConnectedPeer> evictable() {
        List<ConnectedPeer> inbound = new ArrayList<>();
        for (ConnectedPeer p : table.all()) {
            if (p.counted && p.direction == Direction.INBOUND && !isReserved(p)) {
                inbound.add(p);
            }
        }
        return inbound;
    }

    /** Parses the address only if someone is banned or discouraged: eviction asks this of every candidate. */
    private boolean isDiscouraged(ConnectedPeer p) {
        return !bans.isEmpty() && p.address.ipLiteral().map(bans::isDiscouraged).orElse(false);
    }

    private boolean isReserved(ConnectedPeer p) {
        for (TransportAddress r : config.reservedPeers()) {
            boolean sameHost = r.ipLiteral().isPresent() ? r.ipLiteral().equals(p.address.ipLiteral())
                    : r.host().equalsIgnoreCase(p.address.host());
            if (sameHost && (r.pinnedIdentity().isEmpty() || r.pinnedIdentity().equals(p.identity))) {
                return true;
            }
        }
        return false;
    }
}
