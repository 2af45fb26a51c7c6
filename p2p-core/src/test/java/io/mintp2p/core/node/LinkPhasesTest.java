package io.mintp2p.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.wire.PingRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The life of a link on the node thread: each phase's close is accounted for where it belongs. */
class LinkPhasesTest {
    private final NodeParts node = new NodeParts();

    @Test
    void aLinkIsTakenOnWithAnIdAndRefusedWhenTheNodeIsNotRunning() {
        Link link = node.link("192.0.2.1", Direction.INBOUND, Optional.empty());
        assertThat(link.isTakenOn()).isTrue();

        node.run.running(false);
        Link late = node.link("192.0.2.2", Direction.INBOUND, Optional.empty());
        assertThat(late.isTakenOn()).isFalse();
        assertThat(late.phase).isEqualTo(Link.Phase.CLOSED);
        assertThat(((FakeConnection) late.connection).calls).containsExactly("close SHUTDOWN");
        assertThat(node.links.linkOf(late.connection)).isNull();
    }

    @Test
    void anAcceptedPeerThatClosesIsLetGoAndEveryoneHears() {
        Link link = node.link("192.0.2.1", Direction.INBOUND, Optional.empty());
        node.verdicts.handshakeCompleted(link, NodeParts.hello());
        assertThat(node.links.accepted(link.id)).isSameAs(link);

        node.phases.closed(link.connection, CloseReason.of(DisconnectReason.PEER_WILL_DISCONNECT, "bye"));

        assertThat(link.phase).isEqualTo(Link.Phase.CLOSED);
        assertThat(node.links.accepted(link.id)).isNull();
        assertThat(node.links.linkOf(link.connection)).isNull();
        assertThat(node.peerManager.heard).endsWith("disconnected " + link.id + " PEER_WILL_DISCONNECT");
        assertThat(node.published).last().isInstanceOf(PeerEvent.Disconnected.class);
    }

    @Test
    void anOperatorsDialThatFailsItsHandshakeBacksOffAndFailsItsFuture() {
        CompletableFuture<PeerSnapshot> outcome = new CompletableFuture<>();
        Link link = node.link("192.0.2.1", Direction.OUTBOUND, Optional.of(DialPurpose.MANUAL));
        node.manualDials.connect(link.address, outcome);

        node.phases.closed(link.connection, CloseReason.of(DisconnectReason.HANDSHAKE_TIMEOUT));

        assertThat(node.peerManager.heard).containsExactly(
                "outbound failed " + link.address + " MANUAL HANDSHAKE_TIMEOUT");
        assertThat(outcome).isCompletedExceptionally();
        assertThat(node.published).singleElement().isInstanceOf(PeerEvent.HandshakeFailed.class);
        assertThat(((PeerEvent.HandshakeFailed) node.published.get(0)).address()).isEqualTo(link.address);
    }

    @Test
    void whatAnswersOurDialBeforeTheHandshakeIsNotScoredButAnInboundStrangerIs() {
        Link dialled = node.link("192.0.2.1", Direction.OUTBOUND, Optional.of(DialPurpose.OUTBOUND));
        Link stranger = node.link("192.0.2.2", Direction.INBOUND, Optional.empty());
        CloseReason junk = CloseReason.of(DisconnectReason.PROTOCOL_VIOLATION, "junk");

        node.phases.reportMisbehaviour(dialled, 100, junk);
        assertThat(node.peerManager.heard).isEmpty();
        assertThat(node.published).isEmpty();

        node.phases.reportMisbehaviour(stranger, 100, junk);
        assertThat(node.peerManager.heard).containsExactly("misbehaved - 192.0.2.2 100");
        assertThat(node.published).singleElement().isInstanceOf(PeerEvent.Misbehaved.class);
    }

    @Test
    void aMessageForAForgottenLinkGivesItsReadBudgetBack() {
        Link link = node.link("192.0.2.1", Direction.INBOUND, Optional.empty());
        node.phases.closed(link.connection, CloseReason.of(DisconnectReason.PEER_WILL_DISCONNECT, "bye"));
        link.acquire(64);

        node.phases.received(link, new PingRequest(1), 64);

        assertThat(link.budgetMessages).isZero();
        assertThat(link.budgetBytes).isZero();
    }
}
