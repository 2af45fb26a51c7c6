package io.mintp2p.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransportAddressTest {
    @Test
    void withoutIdentityDropsAPinnedIdentity() {
        TransportAddress pinned = TransportAddress.parse("tls://10.0.0.1:13031#" + "ab".repeat(32));
        assertThat(pinned.withoutIdentity()).isEqualTo(TransportAddress.of("tls", "10.0.0.1", 13031));
    }

    @Test
    void anAddressWithoutIdentityIsNotCopied() {
        TransportAddress plain = TransportAddress.of("tcp", "10.0.0.1", 13031);
        assertThat(plain.withoutIdentity()).isSameAs(plain);
    }
}
