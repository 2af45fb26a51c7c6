package io.mintp2p.transport.tor;

import static org.awaitility.Awaitility.await;

import io.mintp2p.core.transport.Transport;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.testkit.transport.TransportConformanceTest;
import io.mintp2p.core.wire.OnionV3;
import io.mintp2p.transport.tcp.TcpOptions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.ExtendWith;

/** The conformance suite over onion services of the private Tor network: every byte crosses real tor circuits. */
@ExtendWith(TorNetworkExtension.class)
class TorTransportConformanceTest extends TransportConformanceTest {
    @Override
    protected Transport newTransport(String role) {
        return new TorTransport(TcpOptions.defaults(), TorNetworkExtension.options(null));
    }

    @Override
    protected TransportAddress bindAddress() {
        return TransportAddress.of("tor", "127.0.0.1", 13031);
    }

    @Override
    protected TransportAddress deadAddress() {
        // A well-formed onion that no one publishes: tor finds no descriptor.
        byte[] key = new byte[OnionV3.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return TransportAddress.of("tor", OnionV3.ofKey(key).hostname(), 13031);
    }

    @Override
    protected boolean endpointsAreTheSocketsEnds() {
        return false;
    }

    @Override
    protected void awaitUntil(BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }
}
