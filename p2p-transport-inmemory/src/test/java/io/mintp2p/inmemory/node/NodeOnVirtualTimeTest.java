package io.mintp2p.inmemory.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.time.VirtualTimeScheduler;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.MessageType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The node runtime's public API on virtual time: services, self-connections, goodbyes. */
class NodeOnVirtualTimeTest {
    static final MessageType<String> NOTE = VirtualNodes.NOTE;

    private final VirtualNodes nodes = new VirtualNodes();
    private final VirtualTimeScheduler time = nodes.time;

    @Test
    void messagesGoOnlyToPeersThatOfferTheirService() {
        P2pNode a = nodes.node("10.0.0.1", true);
        P2pNode b = nodes.node("10.0.0.2", false);
        P2pNode c = nodes.node("10.0.0.3", true);
        List<String> cGot = new ArrayList<>();
        c.subscribe(NOTE, (from, text) -> cGot.add(text));
        PeerSnapshot toB = nodes.await(a.connect(TransportAddress.of("mem", "10.0.0.2", 23031)));
        PeerSnapshot toC = nodes.await(a.connect(TransportAddress.of("mem", "10.0.0.3", 23031)));

        CompletableFuture<Void> refused = a.send(toB.id(), NOTE, "b cannot read this");
        time.advance(Duration.ofSeconds(1));
        assertThat(refused).isCompletedExceptionally();
        assertThat(a.broadcast(NOTE, "for c")).as("only c offers the service").isEqualTo(1);
        nodes.await(a.send(toC.id(), NOTE, "direct"));
        assertThat(cGot).containsExactly("for c", "direct");
        assertThat(b.peers()).hasSize(1);
    }

    @Test
    void dialingOurOwnAddressIsDetectedAsASelfConnection() {
        P2pNode a = nodes.node("10.0.0.1", true);
        List<PeerEvent> events = new ArrayList<>();
        a.onPeerEvent(events::add);
        CompletableFuture<PeerSnapshot> self = a.connect(a.listenAddresses().get(0));
        time.advance(Duration.ofSeconds(5));
        assertThat(self).isCompletedExceptionally();
        assertThat(a.peers()).isEmpty();
        assertThat(events).anyMatch(e -> e instanceof PeerEvent.HandshakeFailed f
                && f.reason().code() == DisconnectReason.SELF_CONNECTION);
    }

    @Test
    void manualDisconnectReachesThePeerWithItsReason() {
        P2pNode a = nodes.node("10.0.0.1", true);
        P2pNode b = nodes.node("10.0.0.2", true);
        List<String> reasons = new ArrayList<>();
        b.onPeerEvent(e -> {
            if (e instanceof PeerEvent.Disconnected d) {
                reasons.add(d.reason().message());
            }
        });
        PeerSnapshot toB = nodes.await(a.connect(TransportAddress.of("mem", "10.0.0.2", 23031)));
        a.disconnect(toB.id(), "");
        time.advance(Duration.ofSeconds(1));
        assertThat(reasons).containsExactly("Peer will disconnect (Manual disconnection)");
        assertThat(a.peers()).isEmpty();
        assertThat(b.peers()).isEmpty();
    }
}
