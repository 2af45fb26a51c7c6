package io.mintp2p.core.peers.manager;

import io.mintp2p.core.config.DiscourageBy;
import io.mintp2p.core.peers.bans.BanKey;
import io.mintp2p.core.peers.bans.DiscouragementKey;
import io.mintp2p.core.peers.connections.ConnectedPeer;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Which {@link DiscouragementKey} a misbehaving peer is kept away by, and which connected peers a key
 * covers. {@link DiscourageBy#IP}: the network of its IP (an address without an IP, an onion service,
 * is keyed as in AUTO). {@link DiscourageBy#AUTO}: the identity it proved; else, dialled by us, the
 * address we dialled; else the listen address it announced for itself; else its remote host:port,
 * which is weak (an ephemeral port: its next connection is not recognised). Stateless; any thread.
 */
final class DiscouragementKeys {
    private DiscouragementKeys() {
    }

    /** The key of a connected (accepted or served) peer. */
    static DiscouragementKey of(DiscourageBy mode, ConnectedPeer p) {
        Optional<InetAddress> ip = p.address.ipLiteral();
        if (mode == DiscourageBy.IP && ip.isPresent()) {
            return new DiscouragementKey.Network(BanKey.of(ip.get()));
        }
        if (p.identity.isPresent()) {
            return new DiscouragementKey.Identity(p.identity.get());
        }
        if (p.direction == Direction.OUTBOUND) {
            return new DiscouragementKey.Endpoint(p.address);
        }
        return new DiscouragementKey.Endpoint(p.announcedListenAddress().orElse(p.address));
    }

    /**
     * The key of a connection the peer manager does not hold: an inbound one still in its handshake
     * (dials that fail before theirs are not scored at all), or a peer that just left.
     */
    static DiscouragementKey ofUnaccepted(DiscourageBy mode, TransportAddress remote, Optional<PeerIdentity> identity) {
        Optional<InetAddress> ip = remote.ipLiteral();
        if (mode == DiscourageBy.IP && ip.isPresent()) {
            return new DiscouragementKey.Network(BanKey.of(ip.get()));
        }
        return identity.<DiscouragementKey>map(DiscouragementKey.Identity::new)
                .orElseGet(() -> new DiscouragementKey.Endpoint(remote));
    }

    /** Whether the key keeps this connected peer away: it is disconnected when the key is discouraged. */
    static boolean covers(DiscouragementKey key, ConnectedPeer p) {
        if (key instanceof DiscouragementKey.Network n) {
            return p.address.ipLiteral().map(ip -> BanKey.of(ip).equals(n.network())).orElse(false);
        }
        if (key instanceof DiscouragementKey.Identity i) {
            return p.identity.equals(Optional.of(i.identity()));
        }
        DiscouragementKey.Endpoint e = (DiscouragementKey.Endpoint) key; // the interface is sealed: the last kind
        return p.address.equals(e.address()) || p.announcedListenAddress().equals(Optional.of(e.address()));
    }
}
