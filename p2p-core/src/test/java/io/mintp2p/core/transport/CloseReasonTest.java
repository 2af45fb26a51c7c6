package io.mintp2p.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CloseReasonTest {
    @Test
    void aPeersTextIsSanitisedAndBounded() {
        CloseReason r = CloseReason.of(DisconnectReason.PEER_WILL_DISCONNECT, "bye\n\u001b[31mFAKE LOG LINE\u0000" + "x".repeat(500));
        assertThat(r.detail()).doesNotContain("\n", "\u001b", "\u0000").hasSize(CloseReason.MAX_DETAIL + 3).endsWith("...");
        assertThat(r.message()).startsWith("Peer will disconnect (bye??[31mFAKE LOG LINE?");
    }

    @Test
    void textsFollowTheMintlayerNode() {
        assertThat(CloseReason.of(DisconnectReason.WRONG_NETWORK, "regtest").message())
                .isEqualTo("Wrong network; our network is 'regtest'");
        assertThat(CloseReason.of(DisconnectReason.EVICTED).message()).isEqualTo("You are evicted");
        assertThat(CloseReason.of(DisconnectReason.MANUAL, "maintenance").message())
                .isEqualTo("Manual disconnection: maintenance");
    }

    @Test
    void onlyAnOversizedFrameCarriesABanScore() {
        assertThat(CloseReason.frameTooLarge(20_000_000, 10_485_760).banScore()).isEqualTo(100);
        for (DisconnectReason r : DisconnectReason.values()) {
            if (r != DisconnectReason.FRAME_TOO_LARGE) {
                assertThat(CloseReason.of(r).banScore()).as(r.name()).isZero();
            }
        }
    }

    @Test
    void labelsAreLowerCaseNames() {
        assertThat(DisconnectReason.PING_TIMEOUT.label()).isEqualTo("ping_timeout");
    }
}
