package io.mintp2p.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class P2pConfigTest {

    @Test
    void theAddressBookKeepsBitcoinCoresTablesUnlessToldOtherwise() {
        P2pConfig config = P2pConfig.builder().build();
        assertThat(config.addressBookNewBuckets()).isEqualTo(1024);
        assertThat(config.addressBookTriedBuckets()).isEqualTo(256);

        P2pConfig small = P2pConfig.builder().addressBookBuckets(64, 16).build();
        assertThat(small.addressBookNewBuckets()).isEqualTo(64);
        assertThat(small.addressBookTriedBuckets()).isEqualTo(16);
        assertThat(small.toBuilder().build()).isEqualTo(small);
    }

    @Test
    void addressBookTablesArePowersOfTwoWithinTheirRange() {
        assertThat(P2pConfig.builder().addressBookBuckets(16, 8).build().addressBookNewBuckets()).isEqualTo(16);
        assertThatThrownBy(() -> P2pConfig.builder().addressBookBuckets(8, 8).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("addressBookNewBuckets");
        assertThatThrownBy(() -> P2pConfig.builder().addressBookBuckets(2048, 256).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("addressBookNewBuckets");
        assertThatThrownBy(() -> P2pConfig.builder().addressBookBuckets(100, 16).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power of two");
        assertThatThrownBy(() -> P2pConfig.builder().addressBookBuckets(64, 4).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("addressBookTriedBuckets");
        assertThatThrownBy(() -> P2pConfig.builder().addressBookBuckets(64, 512).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("addressBookTriedBuckets");
    }
}
