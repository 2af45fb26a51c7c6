package io.mintp2p.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.Verdict;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The peer manager's verdict on a completed handshake, carried out on virtual time. */
class HandshakeVerdictsTest {
    private final NodeParts node = new NodeParts();

    @Test
    void anAcceptedPeerIsAPeerWithTheFullBudgetAndTheOperatorsDialCompletes() {
        CompletableFuture<PeerSnapshot> outcome = new CompletableFuture<>();
        Link link = node.link("192.0.2.1", Direction.OUTBOUND, Optional.of(DialPurpose.MANUAL));
        node.manualDials.connect(link.address, outcome);

        node.verdicts.handshakeCompleted(link, NodeParts.hello());

        assertThat(link.phase).isEqualTo(Link.Phase.ACCEPTED);
        assertThat(node.links.accepted(link.id)).isSameAs(link);
        assertThat(link.fullBudget).isTrue();
        assertThat(link.takesDirect()).as("its application messages may skip the node thread").isTrue();
        assertThat(((FakeConnection) link.connection).calls).contains("handshakeCompleted");
        assertThat(outcome.join().id()).isEqualTo(link.id);
        assertThat(node.published).singleElement().isInstanceOf(PeerEvent.Connected.class);
    }

    @Test
    void aRefusedPeerIsClosedWithTheVerdictsReasonAndNeverBecomesAPeer() {
        node.peerManager.verdict = Verdict.reject(DisconnectReason.INBOUND_FULL);
        Link link = node.link("192.0.2.1", Direction.INBOUND, Optional.empty());

        node.verdicts.handshakeCompleted(link, NodeParts.hello());

        assertThat(link.phase).isEqualTo(Link.Phase.REJECTED);
        assertThat(node.links.accepted(link.id)).isNull();
        assertThat(link.localCloseReason.code()).isEqualTo(DisconnectReason.INBOUND_FULL);
        assertThat(node.published).isEmpty();
    }

    @Test
    void aServedNewcomerIsReachableByThePeerManagerAndLetGoAfterTheServingTime() {
        node.peerManager.verdict = Verdict.serveAddressesThenDisconnect(DisconnectReason.INBOUND_FULL);
        Link link = node.link("192.0.2.1", Direction.INBOUND, Optional.empty());

        node.verdicts.handshakeCompleted(link, NodeParts.hello());
        assertThat(link.phase).isEqualTo(Link.Phase.SERVING);
        assertThat(node.links.notAcceptedYet(link.id)).isSameAs(link);
        assertThat(link.connection.isOpen()).isTrue();

        node.time.advance(NodeParts.SERVING_TIME.minusMillis(1));
        assertThat(link.connection.isOpen()).isTrue();
        node.time.advance(java.time.Duration.ofMillis(1));
        assertThat(link.connection.isOpen()).as("let go at the serving time").isFalse();
    }
}
