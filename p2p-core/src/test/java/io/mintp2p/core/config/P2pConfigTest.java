package io.mintp2p.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mintp2p.core.transport.TransportAddress;
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

    @Test
    void aNodeIsNamedAfterItsFixedListenPortOrCountedAndKeepsItsNameThroughToBuilder() {
        P2pConfig onPort = P2pConfig.builder().listen(TransportAddress.parse("tcp://127.0.0.1:23031")).build();
        assertThat(onPort.nodeName()).isEqualTo("node-23031");

        P2pConfig first = P2pConfig.builder().listen(TransportAddress.parse("tcp://127.0.0.1:0")).build();
        P2pConfig second = P2pConfig.builder().build();
        assertThat(first.nodeName()).matches("node-[0-9]+");
        assertThat(second.nodeName()).matches("node-[0-9]+").isNotEqualTo(first.nodeName());
        assertThat(first.toBuilder().build().nodeName()).isEqualTo(first.nodeName());
        assertThat(P2pConfig.builder().nodeName("alice.2_b-c").build().nodeName()).isEqualTo("alice.2_b-c");
    }

    @Test
    void aNodeNameIsShortAndOfASafeCharset() {
        assertThat(P2pConfig.builder().nodeName("x".repeat(32)).build().nodeName()).hasSize(32);
        for (String bad : new String[] {"", "x".repeat(33), "a b", "a/b", "a\nb", "é", "${jndi:x}"}) {
            assertThatThrownBy(() -> P2pConfig.builder().nodeName(bad).build())
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodeName");
        }
    }
}
