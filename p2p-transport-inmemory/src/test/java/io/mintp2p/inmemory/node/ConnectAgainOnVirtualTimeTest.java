package io.mintp2p.inmemory.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.transport.TransportAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@code connect} to an address the node is already connected to, or already dialling, answers with that peer. */
class ConnectAgainOnVirtualTimeTest {
    private final VirtualNodes nodes = new VirtualNodes();
    private final TransportAddress b = VirtualNodes.mem("10.0.0.2");

    @Test
    void connectingToAConnectedAddressReturnsTheExistingPeer() {
        P2pNode a = nodes.node("10.0.0.1", true);
        nodes.node("10.0.0.2", true);
        List<PeerEvent> events = new ArrayList<>();
        a.onPeerEvent(events::add);
        PeerSnapshot first = nodes.await(a.connect(b));

        CompletableFuture<PeerSnapshot> again = a.connect(b);
        nodes.time.runUntilIdle();

        assertThat(again).isCompleted();
        assertThat(again.join().id()).isEqualTo(first.id());
        nodes.await(CompletableFuture.completedFuture(null));
        assertThat(a.peers()).hasSize(1);
        assertThat(events).as("no second connection was made, so none was refused")
                .noneMatch(e -> e instanceof PeerEvent.HandshakeFailed);
    }

    @Test
    void connectingTwiceBeforeTheFirstDialEndedJoinsIt() {
        P2pNode a = nodes.node("10.0.0.1", true);
        P2pNode other = nodes.node("10.0.0.2", true);
        List<PeerEvent> events = new ArrayList<>();
        a.onPeerEvent(events::add);

        CompletableFuture<PeerSnapshot> first = a.connect(b);
        CompletableFuture<PeerSnapshot> second = a.connect(b);

        assertThat(nodes.await(second).id()).isEqualTo(nodes.await(first).id());
        assertThat(a.peers()).hasSize(1);
        assertThat(other.peers()).as("one connection only").hasSize(1);
        assertThat(events).noneMatch(e -> e instanceof PeerEvent.HandshakeFailed);
    }

    @Test
    void afterThePeerLeftConnectDialsAgain() {
        P2pNode a = nodes.node("10.0.0.1", true);
        nodes.node("10.0.0.2", true);
        PeerSnapshot first = nodes.await(a.connect(b));
        a.disconnect(first.id(), "");
        nodes.time.runUntilIdle();

        PeerSnapshot second = nodes.await(a.connect(b));

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(a.peers()).extracting(PeerSnapshot::id).containsExactly(second.id());
    }

    @Test
    void connectingWhileTheNodeDialsThatAddressOnItsOwnGetsThePeerOfWhicheverDialWon() {
        nodes.node("10.0.0.2", true);
        P2pNode a = nodes.unstarted("10.0.0.1", P2pConfig.builder().bootNode(b).targetOutbound(1).blockRelayOutbound(0));
        List<PeerEvent> events = new ArrayList<>();
        a.onPeerEvent(events::add);
        a.start();
        nodes.time.runUntilIdle(); // the boot dial is under way, not yet answered

        PeerSnapshot peer = nodes.await(a.connect(b));

        assertThat(a.peers()).extracting(PeerSnapshot::id).containsExactly(peer.id());
        assertThat(peer.address()).isEqualTo(b);
    }
}
