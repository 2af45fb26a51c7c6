package io.mintp2p.core.peers.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.HandshakeResult;
import io.mintp2p.core.peers.OutboundSlot;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.Services;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeerTableTest {
    private final PeerTable table = new PeerTable(a -> a.host());
    private long nextId = 1;

    private ConnectedPeer peer(String host, Direction direction, DialPurpose purpose, boolean counted) {
        HandshakeResult r = new HandshakeResult(new PeerId(nextId++), TransportAddress.of("tcp", host, 1),
                direction, Optional.ofNullable(purpose), Optional.empty(), 3, Services.PEER_ADDRESSES, "peer",
                new SemVer(1, 0, 0), Optional.empty());
        return new ConnectedPeer(r, host, 0, counted);
    }

    @Test
    void slotCountsFollowPeersAndDialsAsTheyComeAndGo() {
        ConnectedPeer full = peer("10.0.0.1", Direction.OUTBOUND, DialPurpose.OUTBOUND, true);
        ConnectedPeer block = peer("10.0.0.2", Direction.OUTBOUND, DialPurpose.BLOCK_RELAY, true);
        ConnectedPeer served = peer("10.0.0.3", Direction.INBOUND, null, false);
        table.add(full);
        table.add(block);
        table.add(served);
        table.addPending(TransportAddress.of("tcp", "10.0.0.4", 1), DialPurpose.BOOT);
        table.addPending(TransportAddress.of("tcp", "10.0.0.5", 1), DialPurpose.FEELER);
        assertThat(table.count(OutboundSlot.FULL_RELAY)).isEqualTo(2);
        assertThat(table.count(OutboundSlot.BLOCK_RELAY)).isEqualTo(1);
        assertThat(table.establishedCount(OutboundSlot.FULL_RELAY)).as("dials are not established").isEqualTo(1);
        assertThat(table.establishedCount(OutboundSlot.FULL_RELAY))
                .isEqualTo(table.established(OutboundSlot.FULL_RELAY).size());

        // A dial made again for another purpose counts once, for the new one.
        table.addPending(TransportAddress.of("tcp", "10.0.0.4", 1), DialPurpose.BLOCK_RELAY);
        assertThat(table.count(OutboundSlot.FULL_RELAY)).isEqualTo(1);
        assertThat(table.count(OutboundSlot.BLOCK_RELAY)).isEqualTo(2);

        table.removePending(TransportAddress.of("tcp", "10.0.0.4", 1));
        table.removePending(TransportAddress.of("tcp", "10.0.0.4", 1));
        table.remove(full.id);
        table.remove(full.id);
        table.remove(served.id);
        assertThat(table.count(OutboundSlot.FULL_RELAY)).isZero();
        assertThat(table.count(OutboundSlot.BLOCK_RELAY)).isEqualTo(1);
        assertThat(table.establishedCount(OutboundSlot.FULL_RELAY)).isZero();
        assertThat(table.establishedCount(OutboundSlot.BLOCK_RELAY)).isEqualTo(1);
        assertThat(table.hasOutboundTo(full.address)).isFalse();
        assertThat(table.hasOutboundTo(block.address)).isTrue();
    }

    @Test
    void aSharedOutboundGroupIsFoundUntilOneOfItsPeersLeaves() {
        PeerTable byNetwork = new PeerTable(a -> a.host().substring(0, a.host().lastIndexOf('.')));
        ConnectedPeer a = groupPeer("10.0.1.1", "10.0.1", DialPurpose.OUTBOUND);
        ConnectedPeer reserved = groupPeer("10.0.1.2", "10.0.1", DialPurpose.RESERVED);
        ConnectedPeer inbound = peer("10.0.1.3", Direction.INBOUND, null, true);
        ConnectedPeer b = groupPeer("10.0.2.1", "10.0.2", DialPurpose.BLOCK_RELAY);
        byNetwork.add(a);
        byNetwork.add(reserved);
        byNetwork.add(inbound);
        byNetwork.add(b);
        assertThat(byNetwork.sharedOutboundGroup()).as("reserved and inbound peers do not count").isEmpty();

        ConnectedPeer c = groupPeer("10.0.2.2", "10.0.2", DialPurpose.OUTBOUND);
        byNetwork.add(c);
        assertThat(byNetwork.sharedOutboundGroup()).contains("10.0.2");
        byNetwork.remove(b.id);
        assertThat(byNetwork.sharedOutboundGroup()).isEmpty();
    }

    private ConnectedPeer groupPeer(String host, String group, DialPurpose purpose) {
        HandshakeResult r = new HandshakeResult(new PeerId(nextId++), TransportAddress.of("tcp", host, 1),
                Direction.OUTBOUND, Optional.of(purpose), Optional.empty(), 3, Services.PEER_ADDRESSES, "peer",
                new SemVer(1, 0, 0), Optional.empty());
        return new ConnectedPeer(r, group, 0, true);
    }
}
