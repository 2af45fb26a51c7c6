package io.mintp2p.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.AddrListRequest;
import io.mintp2p.core.wire.MessageCodec;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the peer manager asks of the node reaches the right link, and nothing else. */
class PeerManagerBridgeTest {
    private final NodeParts node = new NodeParts();
    private final OutboundSender sender = new OutboundSender(node.links, MessageCodec.controlOnly(), node.stats, node.time);
    private final PeerManagerBridge bridge = new PeerManagerBridge(Map.of(), node.time, node.links, sender,
            node.manualDials, node.stats);

    PeerManagerBridgeTest() {
        bridge.bind(node.peerManager, null);
    }

    @Test
    void aDialWithoutATransportForItsSchemeFailsTypedOnTheNodeThread() {
        TransportAddress onion = TransportAddress.of("tor", "example.onion", 13031);

        bridge.dial(onion, DialPurpose.OUTBOUND);
        assertThat(node.peerManager.heard).as("not within the caller's call").isEmpty();
        node.time.runUntilIdle();

        assertThat(node.peerManager.heard).containsExactly("outbound failed " + onion + " OUTBOUND NO_TRANSPORT");
    }

    @Test
    void aPeerLetGoIsNoLongerCountedEvenBeforeItsCloseCompletes() {
        Link link = node.link("192.0.2.1", Direction.INBOUND, Optional.empty());
        node.verdicts.handshakeCompleted(link, NodeParts.hello());

        bridge.disconnect(link.id, CloseReason.of(DisconnectReason.EVICTED));

        assertThat(node.links.accepted(link.id)).isNull();
        assertThat(link.takesDirect()).as("what still comes goes through the node thread").isFalse();
        assertThat(link.localCloseReason.code()).isEqualTo(DisconnectReason.EVICTED);
    }

    @Test
    void controlMessagesGoOnlyToEstablishedSessions() {
        Link handshaking = node.link("192.0.2.1", Direction.INBOUND, Optional.empty());
        node.verdicts.handshakeCompleted(handshaking, NodeParts.hello());

        bridge.send(handshaking.id, new AddrListRequest());

        assertThat(((FakeConnection) handshaking.connection).calls)
                .as("its session never finished a handshake").doesNotContain("send");
    }

    @Test
    void bindingTwiceIsAMistake() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bridge.bind(node.peerManager, null))
                .isInstanceOf(IllegalStateException.class);
    }
}
