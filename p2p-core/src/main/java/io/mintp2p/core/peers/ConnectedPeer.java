package io.mintp2p.core.peers;

import io.mintp2p.core.node.PeerId;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.TransportAddress;
import java.util.Optional;

/** The peer manager's book-keeping for one handshaken connection. */
final class ConnectedPeer {
    final PeerId id;
    final TransportAddress address;
    final Direction direction;
    final Optional<DialPurpose> purpose;
    final String group;
    final Optional<io.mintp2p.core.transport.PeerIdentity> identity;
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
    /** Outbound only: stayed long enough to count as a success (see DefaultPeerManager#STABLE_AFTER). */
    boolean stable;

    ConnectedPeer(HandshakeResult r, String group, long nowMillis, boolean counted) {
        this.id = r.peer();
        this.address = r.address();
        this.direction = r.direction();
        this.purpose = r.purpose();
        this.group = group;
        this.identity = r.identity();
        this.connectedAtMillis = nowMillis;
        this.services = r.remoteServices();
        this.announceLimiter = new AnnounceRateLimiter(nowMillis);
        this.counted = counted;
    }

    boolean isAutomaticOutbound() {
        return direction == Direction.OUTBOUND && purpose.isPresent()
                && (purpose.get() == DialPurpose.OUTBOUND || purpose.get() == DialPurpose.BOOT
                || purpose.get() == DialPurpose.ANCHOR
                || purpose.get() == DialPurpose.RESERVED || purpose.get() == DialPurpose.ROTATION);
    }
}
