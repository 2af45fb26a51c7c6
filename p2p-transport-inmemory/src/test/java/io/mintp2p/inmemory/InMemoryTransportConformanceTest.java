package io.mintp2p.inmemory;

import io.mintp2p.core.time.VirtualTimeScheduler;
import io.mintp2p.core.transport.Transport;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.testkit.transport.TransportConformanceTest;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The conformance suite on the in-memory transport, on virtual time with 3 ms links. */
class InMemoryTransportConformanceTest extends TransportConformanceTest {
    private final VirtualTimeScheduler time = new VirtualTimeScheduler();
    private final InMemoryNetwork network = new InMemoryNetwork(time, (a, b) -> Duration.ofMillis(3));

    @Override
    protected Transport newTransport(String role) {
        return network.transportFor(role.equals("server") ? "10.0.0.1" : "10.0.0.2");
    }

    @Override
    protected TransportAddress bindAddress() {
        return TransportAddress.of("mem", "10.0.0.1", 0);
    }

    @Override
    protected TransportAddress deadAddress() {
        return TransportAddress.of("mem", "10.0.0.9", 1);
    }

    @Override
    protected void awaitUntil(BooleanSupplier condition) {
        for (int step = 0; step < 100_000 && !condition.getAsBoolean(); step++) {
            time.advance(Duration.ofMillis(1));
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError("condition not reached within 100 virtual seconds");
        }
    }
}
