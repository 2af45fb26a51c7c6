package io.mintp2p.core.peers;

import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import java.util.Optional;

/** The peer manager's book-keeping for one handshaken connection. */
final class ConnectedPeer {
    final PeerId id;
    final TransportAddress address;
    final Direction direction;
    final Optional<DialPurpose> purpose;
    final String group;
    final Optional<PeerIdentity> identity;
    final long connectedAtMillis;
    final long services;
    final AnnounceRateLimiter announceLimiter;
    /** False for peers served once and then dropped: they do not count against the bounds. */
    final boolean counted;
    boolean addressesRequested;
    boolean addressesAnswered;
    int misbehaviour;
    /** The lowest ping round trip seen, -1 before the first (inbound eviction protects fast peers). */
    long bestPingMillis = -1;
    /** When the peer last sent an application message, 0 if never (eviction protects useful peers). */
    long lastUsefulMillis;
    /** Outbound only: stayed long enough to count as a success (see PeerTable#STABLE_AFTER). */
    boolean stable;

    ConnectedPeer(HandshakeResult r, String group, long nowMillis, boolean counted) {
        this.id = r.peer();
        this.address = r.address().withoutIdentity();
        this.direction = r.direction();
        this.purpose = r.purpose();
        this.group = group;
        this.identity = r.identity();
        this.connectedAtMillis = nowMillis;
        this.services = r.remoteServices();
        this.announceLimiter = new AnnounceRateLimiter(nowMillis);
        this.counted = counted;
    }

    /** The outbound slot this peer fills (NONE for inbound, manual and feeler connections). */
    OutboundSlot slot() {
        return direction == Direction.OUTBOUND ? purpose.map(DialPurpose::slot).orElse(OutboundSlot.NONE)
                : OutboundSlot.NONE;
    }

    boolean isAutomaticOutbound() {
        return slot() != OutboundSlot.NONE;
    }

    /** Whether addresses are exchanged with this peer: never over block-relay connections. */
    boolean exchangesAddresses() {
        return slot() != OutboundSlot.BLOCK_RELAY;
    }

    boolean isReserved() {
        return purpose.orElse(null) == DialPurpose.RESERVED;
    }
}
