package io.mintp2p.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.wire.WireLimits;
import org.junit.jupiter.api.Test;

class FrameLengthRuleTest {
    private static final int MAX = 1 << 20;
    private static final int PRE = WireLimits.MAX_PRE_HANDSHAKE_FRAME;

    @Test
    void overTheFrameLimitIsRefusedWhateverTheHandshake() {
        assertThat(FrameLengthRule.of(MAX + 1L, MAX, true, true)).isEqualTo(FrameLengthRule.OVER_FRAME_LIMIT);
        assertThat(FrameLengthRule.of(MAX + 1L, MAX, false, false)).isEqualTo(FrameLengthRule.OVER_FRAME_LIMIT);
        assertThat(FrameLengthRule.of(MAX, MAX, true, true)).isEqualTo(FrameLengthRule.READ);
        assertThat(FrameLengthRule.OVER_FRAME_LIMIT.refusal(MAX + 1L, MAX))
                .isEqualTo(CloseReason.frameTooLarge(MAX + 1L, MAX));
    }

    @Test
    void beforeTheHandshakeAStrangersLargeFirstFrameIsRefusedAndALaterOneWaits() {
        assertThat(FrameLengthRule.of(PRE, MAX, false, false)).isEqualTo(FrameLengthRule.READ);
        assertThat(FrameLengthRule.of(PRE + 1L, MAX, false, false)).isEqualTo(FrameLengthRule.OVER_PRE_HANDSHAKE_LIMIT);
        assertThat(FrameLengthRule.OVER_PRE_HANDSHAKE_LIMIT.refusal(PRE + 1L, MAX))
                .isEqualTo(CloseReason.frameTooLarge(PRE + 1L, PRE));
        assertThat(FrameLengthRule.of(PRE + 1L, MAX, false, true)).isEqualTo(FrameLengthRule.HOLD_FOR_HANDSHAKE);
        assertThat(FrameLengthRule.of(PRE + 1L, MAX, true, true)).isEqualTo(FrameLengthRule.READ);
    }

    @Test
    void onlyTheRefusingVerdictsHaveAReason() {
        assertThatThrownBy(() -> FrameLengthRule.READ.refusal(1, MAX)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> FrameLengthRule.HOLD_FOR_HANDSHAKE.refusal(PRE + 1L, MAX)).isInstanceOf(IllegalStateException.class);
    }
}
