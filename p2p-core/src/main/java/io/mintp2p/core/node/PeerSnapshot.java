package io.mintp2p.core.node;

import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.ServiceFlags;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the node knows about one handshaken peer, at one instant. {@code writable} is false while
 * the peer's send queue is over its high-water mark (it does not read fast enough): sends to it may
 * be refused with {@link SendResult#QUEUE_FULL}; {@code readPaused} is true
 * while the node has stopped reading from it because its messages are still being handled.
 * {@code purpose} says why we dialled an outbound peer (a full-relay or block-relay slot, a boot
 * node, a manual dial...); it is empty for inbound peers. {@code services} is what the peer
 * advertised in its handshake, unknown bits included. Immutable.
 */
public record PeerSnapshot(
        PeerId id,
        TransportAddress address,
        Direction direction,
        Optional<DialPurpose> purpose,
        Optional<PeerIdentity> identity,
        int protocolVersion,
        String userAgent,
        SemVer softwareVersion,
        ServiceFlags services,
        Optional<Duration> lastPingRtt,
        long bytesIn,
        long bytesOut,
        Instant connectedSince,
        boolean writable,
        boolean readPaused) {
}
