package io.mintp2p.transport.tcp;

import static org.awaitility.Awaitility.await;

import io.mintp2p.core.transport.Transport;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.testkit.transport.TransportConformanceTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The conformance suite over loopback TCP. */
class TcpTransportConformanceTest extends TransportConformanceTest {
    @Override
    protected Transport newTransport(String role) {
        return new TcpTransport(TcpOptions.defaults());
    }

    @Override
    protected TransportAddress bindAddress() {
        return TransportAddress.of("tcp", "127.0.0.1", 0);
    }

    @Override
    protected TransportAddress deadAddress() {
        // A port that was free a moment ago: nothing listens there.
        try (ServerSocket s = new ServerSocket(0)) {
            return TransportAddress.of("tcp", "127.0.0.1", s.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void awaitUntil(BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(condition::getAsBoolean);
    }
}
