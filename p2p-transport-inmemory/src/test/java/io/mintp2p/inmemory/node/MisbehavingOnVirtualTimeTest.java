package io.mintp2p.inmemory.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.time.VirtualTimeScheduler;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.TransportAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The application reports a peer ({@code P2pNode.misbehaving}) where three nodes share one IP: the
 * reported one is discouraged by its endpoint, the others stay.
 */
class MisbehavingOnVirtualTimeTest {
    private static final String IP = "10.0.0.1";
    private static final Duration DISCOURAGEMENT = Duration.ofMinutes(10);

    private final VirtualNodes nodes = new VirtualNodes();
    private final VirtualTimeScheduler time = nodes.time;

    private static TransportAddress at(int port) {
        return TransportAddress.of("mem", IP, port);
    }

    private P2pNode node(int port, TransportAddress... reserved) {
        P2pConfig.Builder config = P2pConfig.builder().listen(at(port)).targetOutbound(0).blockRelayOutbound(0)
                .discouragementDuration(DISCOURAGEMENT).reservedPeers(List.of(reserved));
        return nodes.node(IP, config, false);
    }

    private static Optional<PeerSnapshot> outboundTo(P2pNode node, TransportAddress address) {
        return node.peers().stream().filter(p -> p.direction() == Direction.OUTBOUND && p.address().equals(address))
                .findFirst();
    }

    @Test
    void aReportedPeerIsDroppedAndKeptAwayForTheDiscouragementWhileItsNeighbourOnTheSameIpStays() {
        P2pNode b = node(23032);
        P2pNode c = node(23033);
        P2pNode a = node(23031, at(23032), at(23033));
        List<PeerEvent> events = new ArrayList<>();
        a.onPeerEvent(events::add);
        time.advance(Duration.ofSeconds(5));
        PeerSnapshot toB = outboundTo(a, at(23032)).orElseThrow();
        PeerSnapshot toC = outboundTo(a, at(23033)).orElseThrow();

        a.misbehaving(toB.id(), 60, "odd answer");
        time.advance(Duration.ofSeconds(1));
        assertThat(a.peers()).as("below the threshold").hasSize(2);
        a.misbehaving(toB.id(), 40, "sent junk\n");
        time.advance(Duration.ofSeconds(1));
        assertThat(events).filteredOn(e -> e instanceof PeerEvent.Misbehaved).hasSize(2).last()
                .isInstanceOfSatisfying(PeerEvent.Misbehaved.class, m -> {
                    assertThat(m.peer()).isEqualTo(toB.id());
                    assertThat(m.score()).isEqualTo(40);
                    assertThat(m.reason().code()).isEqualTo(DisconnectReason.MISBEHAVIOUR);
                    assertThat(m.reason().detail()).as("sanitised").isEqualTo("sent junk?");
                });
        assertThat(events).filteredOn(e -> e instanceof PeerEvent.Disconnected).singleElement()
                .isInstanceOfSatisfying(PeerEvent.Disconnected.class, d -> {
                    assertThat(d.peer()).isEqualTo(toB.id());
                    assertThat(d.reason().code()).isEqualTo(DisconnectReason.DISCOURAGED);
                });
        assertThat(a.peers()).extracting(PeerSnapshot::id).containsExactly(toC.id());

        // B comes back by dialling A: it announces where it listens, and A recognises it.
        b.connect(a.listenAddresses().get(0));
        time.advance(Duration.ofSeconds(5));
        assertThat(events).filteredOn(e -> e instanceof PeerEvent.Disconnected d
                && d.reason().code() == DisconnectReason.DISCOURAGED).as("not re-accepted").hasSize(2);
        assertThat(b.peers()).isEmpty();

        time.advance(DISCOURAGEMENT.minusSeconds(20));
        assertThat(outboundTo(a, at(23032))).as("a reserved peer, yet not redialled while discouraged").isEmpty();
        assertThat(a.peers()).extracting(PeerSnapshot::id).as("C stayed all along").containsExactly(toC.id());

        time.advance(Duration.ofMinutes(2));
        assertThat(outboundTo(a, at(23032))).as("redialled once its time is up").isPresent();
        assertThat(c.peers()).hasSize(1);
    }

    @Test
    void aNegativeScoreIsRefusedAndAGonePeerIsIgnored() {
        P2pNode b = node(23032);
        P2pNode a = node(23031, at(23032));
        time.advance(Duration.ofSeconds(5));
        PeerSnapshot toB = outboundTo(a, at(23032)).orElseThrow();
        assertThatThrownBy(() -> a.misbehaving(toB.id(), -1, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        List<PeerEvent> events = new ArrayList<>();
        a.onPeerEvent(events::add);
        a.disconnect(toB.id(), "");
        a.misbehaving(toB.id(), 100, "too late");
        time.advance(Duration.ofSeconds(1));
        assertThat(events).noneMatch(e -> e instanceof PeerEvent.Misbehaved);
        assertThat(b.peers()).isEmpty();
    }
}
