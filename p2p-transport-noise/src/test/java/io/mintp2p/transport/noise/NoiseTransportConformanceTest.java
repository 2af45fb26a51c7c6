package io.mintp2p.transport.noise;

import static org.awaitility.Awaitility.await;

import io.mintp2p.core.transport.Transport;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.testkit.transport.TransportConformanceTest;
import io.mintp2p.transport.tcp.TcpOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** The conformance suite over Noise on loopback: the record layer must be invisible to the framing above it. */
class NoiseTransportConformanceTest extends TransportConformanceTest {
    @Override
    protected Transport newTransport(String role) {
        return new NoiseTransport(TcpOptions.defaults(), NoiseKeys.ephemeral(),
                new NoiseOptions(Duration.ofSeconds(10), false), Optional.empty());
    }

    @Override
    protected TransportAddress bindAddress() {
        return TransportAddress.of(NoiseTransport.SCHEME, "127.0.0.1", 0);
    }

    @Override
    protected TransportAddress deadAddress() {
        try (ServerSocket s = new ServerSocket(0)) {
            return TransportAddress.of(NoiseTransport.SCHEME, "127.0.0.1", s.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void awaitUntil(BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(condition::getAsBoolean);
    }
}
