package io.mintp2p.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mintp2p.core.config.P2pConfig;
import org.junit.jupiter.api.Test;

class ServiceFlagsTest {
    @Test
    void namedBitsAreTheWireValues() {
        assertThat(ServiceFlags.TRANSACTIONS.bits()).isEqualTo(1L);
        assertThat(ServiceFlags.BLOCKS.bits()).isEqualTo(2L);
        assertThat(ServiceFlags.PEER_ADDRESSES.bits()).isEqualTo(4L);
        assertThat(ServiceFlags.ONION_ADDRESSES.bits()).isEqualTo(0x8000L);
        assertThat(ServiceFlags.application(16).bits()).isEqualTo(0x10000L);
        assertThat(ServiceFlags.application(63).bits()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void containsWithAndIntersects() {
        ServiceFlags app = ServiceFlags.application(17);
        ServiceFlags both = ServiceFlags.PEER_ADDRESSES.with(app);
        assertThat(both.bits()).isEqualTo(4L | (1L << 17));
        assertThat(both.contains(app)).isTrue();
        assertThat(both.contains(ServiceFlags.BLOCKS)).isFalse();
        assertThat(both.contains(ServiceFlags.NONE)).isTrue();
        assertThat(both.intersects(ServiceFlags.PEER_ADDRESSES.with(ServiceFlags.BLOCKS))).isTrue();
        assertThat(both.intersects(ServiceFlags.BLOCKS)).isFalse();
        assertThat(both.with(app)).isSameAs(both);
        assertThat(both).hasToString("{2,17}");
    }

    @Test
    void applicationBitsStartAtSixteen() {
        assertThatThrownBy(() -> ServiceFlags.application(15)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16-63");
        assertThatThrownBy(() -> ServiceFlags.application(64)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMessageTypeNeedsOneApplicationBit() {
        assertThatThrownBy(() -> MessageType.of(64, "t", ServiceFlags.PEER_ADDRESSES, (s, w) -> { }, r -> ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("application bit");
        assertThatThrownBy(() -> MessageType.of(64, "t", ServiceFlags.application(16).with(ServiceFlags.application(17)),
                (s, w) -> { }, r -> "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(MessageType.of(64, "t", ServiceFlags.application(16), (s, w) -> { }, r -> "").service())
                .isEqualTo(ServiceFlags.application(16));
    }

    @Test
    void aNodeDoesNotAdvertiseReservedBits() {
        for (int bit = 3; bit <= 14; bit++) {
            ServiceFlags reserved = ServiceFlags.of(1L << bit);
            assertThatThrownBy(() -> P2pConfig.builder().services(reserved).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        }
        ServiceFlags allowed = ServiceFlags.TRANSACTIONS.with(ServiceFlags.BLOCKS).with(ServiceFlags.PEER_ADDRESSES)
                .with(ServiceFlags.ONION_ADDRESSES).with(ServiceFlags.application(40));
        assertThat(P2pConfig.builder().services(allowed).build().services()).isEqualTo(allowed);
    }

    @Test
    void aPeersUnknownBitsAreKept() {
        assertThat(ServiceFlags.of(1L << 9).bits()).isEqualTo(1L << 9);
        assertThat(ServiceFlags.of(0)).isSameAs(ServiceFlags.NONE);
    }
}
