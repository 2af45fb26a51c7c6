package io.mintp2p.core.node;

import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.SemVer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What the node knows about one handshaken peer, at one instant. */
public record PeerSnapshot(
        PeerId id,
        TransportAddress address,
        Direction direction,
        Optional<PeerIdentity> identity,
        int protocolVersion,
        String userAgent,
        SemVer softwareVersion,
        long services,
        Optional<Duration> lastPingRtt,
        long bytesIn,
        long bytesOut,
        Instant connectedSince) {
}
