package io.mintp2p.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ManualDialsTest {
    private final ManualDials dials = new ManualDials(new LinkTable());
    private final TransportAddress address = TransportAddress.of("tcp", "192.0.2.7", 13031);

    private Link dialled(DialPurpose purpose) {
        FakeConnection c = new FakeConnection("192.0.2.7", Direction.OUTBOUND);
        return new Link(null, c, address, Optional.of(purpose));
    }

    @Test
    void aManualDialFailsWithTheReasonItsLinkClosed() {
        CompletableFuture<PeerSnapshot> outcome = new CompletableFuture<>();
        assertThat(dials.connect(address, outcome)).isTrue();

        dials.failed(dialled(DialPurpose.MANUAL), CloseReason.of(DisconnectReason.HANDSHAKE_TIMEOUT));

        assertThat(outcome).isCompletedExceptionally();
        assertThat(outcome.handle((v, e) -> e.getMessage()).join()).contains("192.0.2.7");
    }

    @Test
    void theOutcomeOfAnotherPurposeLeavesTheOperatorsDialWaiting() {
        CompletableFuture<PeerSnapshot> outcome = new CompletableFuture<>();
        assertThat(dials.connect(address, outcome)).isTrue();

        dials.failed(dialled(DialPurpose.OUTBOUND), CloseReason.of(DisconnectReason.HANDSHAKE_TIMEOUT));

        assertThat(outcome).isNotDone();
    }

    @Test
    void anAddressWithAPinnedIdentityAnswersTheDialOfTheBareAddress() {
        CompletableFuture<PeerSnapshot> outcome = new CompletableFuture<>();
        assertThat(dials.connect(address, outcome)).isTrue();
        RuntimeException refused = new RuntimeException("connection refused");

        dials.dialFailed(TransportAddress.parse("tcp://192.0.2.7:13031#" + "ab".repeat(32)), refused);

        assertThat(outcome.handle((v, e) -> e).join()).isSameAs(refused);
    }

    @Test
    void stoppingFailsEveryWaitingDialOnce() {
        CompletableFuture<PeerSnapshot> first = new CompletableFuture<>();
        CompletableFuture<PeerSnapshot> second = new CompletableFuture<>();
        dials.connect(address, first);
        dials.connect(TransportAddress.of("tcp", "192.0.2.8", 13031), second);

        dials.failAll();
        dials.failAll();

        assertThat(first).isCompletedExceptionally();
        assertThat(second).isCompletedExceptionally();
    }

    @Test
    void aSecondConnectToAnAddressBeingDialledJoinsThatDial() {
        CompletableFuture<PeerSnapshot> first = new CompletableFuture<>();
        CompletableFuture<PeerSnapshot> second = new CompletableFuture<>();
        assertThat(dials.connect(address, first)).isTrue();

        assertThat(dials.connect(TransportAddress.parse("tcp://192.0.2.7:13031#" + "ab".repeat(32)), second))
                .as("no second dial").isFalse();
        dials.failed(dialled(DialPurpose.MANUAL), CloseReason.of(DisconnectReason.HANDSHAKE_TIMEOUT));

        assertThat(first).isCompletedExceptionally();
        assertThat(second).isCompletedExceptionally();
    }

    @Test
    void refusedAsAlreadyConnectedWithoutSuchAPeerTheConnectFails() {
        CompletableFuture<PeerSnapshot> outcome = new CompletableFuture<>();
        dials.connect(address, outcome);

        dials.failed(dialled(DialPurpose.MANUAL), CloseReason.of(DisconnectReason.ALREADY_CONNECTED));

        assertThat(outcome).isCompletedExceptionally();
    }
}
