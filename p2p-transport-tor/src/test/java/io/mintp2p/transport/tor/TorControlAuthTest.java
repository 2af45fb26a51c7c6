package io.mintp2p.transport.tor;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mintp2p.core.transport.TransportException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Password authentication on tor's control port (the other tests use the cookie). */
@ExtendWith(TorNetworkExtension.class)
class TorControlAuthTest {
    @Test
    void theRightPasswordIsAcceptedAndAWrongOneRefusedWithTorsReason() throws Exception {
        PrivateTorNetwork net = TorNetworkExtension.network();
        try (TorControl control = TorControl.open(net.control(), Optional.of(PrivateTorNetwork.CONTROL_PASSWORD),
                Duration.ofSeconds(10))) {
            control.awaitBootstrapped(Duration.ofSeconds(10));
        }
        assertThatThrownBy(() -> TorControl.open(net.control(), Optional.of("wrong"), Duration.ofSeconds(10)))
                .isInstanceOf(TransportException.class).hasMessageContaining("refused us")
                .hasMessageContaining("Authentication failed");
    }
}
