package io.mintp2p.transport.tls;

import static org.awaitility.Awaitility.await;

import io.mintp2p.core.transport.Transport;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.testkit.transport.TransportConformanceTest;
import io.mintp2p.transport.tcp.TcpOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The conformance suite over TLS 1.3 on loopback. */
class TlsTransportConformanceTest extends TransportConformanceTest {
    @Override
    protected Transport newTransport(String role) {
        return new TlsTransport(TcpOptions.defaults(), NodeKeys.ephemeral(), Duration.ofSeconds(10));
    }

    @Override
    protected TransportAddress bindAddress() {
        return TransportAddress.of("tls", "127.0.0.1", 0);
    }

    @Override
    protected TransportAddress deadAddress() {
        try (ServerSocket s = new ServerSocket(0)) {
            return TransportAddress.of("tls", "127.0.0.1", s.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void awaitUntil(BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(condition::getAsBoolean);
    }
}
