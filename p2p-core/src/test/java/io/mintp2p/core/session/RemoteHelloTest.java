package io.mintp2p.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.SemVer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RemoteHelloTest {
    @Test
    void withoutReceiverAddressKeepsEverythingElse() {
        RemoteHello full = new RemoteHello(4, 3, 5, "agent", new SemVer(1, 2, 3),
                Optional.of(PeerAddress.ipv4(new byte[] {10, 0, 0, 1}, 23031)));
        assertThat(full.withoutReceiverAddress())
                .isEqualTo(new RemoteHello(4, 3, 5, "agent", new SemVer(1, 2, 3), Optional.empty()));
    }

    @Test
    void oneWithoutAReceiverAddressIsNotCopied() {
        RemoteHello none = new RemoteHello(3, 3, 0, "agent", new SemVer(0, 1, 0), Optional.empty());
        assertThat(none.withoutReceiverAddress()).isSameAs(none);
    }
}
