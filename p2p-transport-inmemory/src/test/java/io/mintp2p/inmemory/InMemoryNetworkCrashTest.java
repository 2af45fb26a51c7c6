package io.mintp2p.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.time.VirtualTimeScheduler;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.TransportAddress;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A crash takes down exactly the crashed host's listeners and connections, and dials to it find nobody. */
class InMemoryNetworkCrashTest {
    private final VirtualTimeScheduler time = new VirtualTimeScheduler();
    private final InMemoryNetwork network = new InMemoryNetwork(time, (a, b) -> Duration.ofMillis(5));
    private final List<Connection> opened = new ArrayList<>();

    private final ConnectionHandler handler = new ConnectionHandler() {
        @Override
        public void onOpen(Connection c) {
            opened.add(c);
        }

        @Override
        public void onFrame(Connection c, ByteBuf payload) {
            payload.release();
        }

        @Override
        public void onClosed(Connection c, CloseReason reason) {
        }
    };

    private InMemoryTransport host(String ip) {
        InMemoryTransport t = network.transportFor(ip);
        t.listen(TransportAddress.of("mem", ip, 1), handler).join();
        return t;
    }

    private Connection dial(InMemoryTransport from, String to) {
        CompletableFuture<Connection> f = from.dial(TransportAddress.of("mem", to, 1), handler);
        time.advance(Duration.ofSeconds(1));
        return f.join();
    }

    @Test
    void crashCutsOnlyTheCrashedHostAndItsAddressFindsNobody() {
        InMemoryTransport a = host("11.0.0.1");
        InMemoryTransport b = host("12.0.0.1");
        InMemoryTransport c = host("13.0.0.1");
        Connection ab = dial(a, "12.0.0.1");
        Connection ca = dial(c, "11.0.0.1");
        Connection bc = dial(b, "13.0.0.1");
        assertThat(network.dialsToNobody()).isZero();

        network.crash("11.0.0.1");
        time.advance(Duration.ofSeconds(1));

        assertThat(ab.isOpen()).isFalse();
        assertThat(ca.isOpen()).isFalse();
        assertThat(bc.isOpen()).isTrue();
        assertThat(opened).filteredOn(Connection::isOpen).hasSize(2);
        CompletableFuture<Connection> toDead = b.dial(TransportAddress.of("mem", "11.0.0.1", 1), handler);
        time.advance(Duration.ofSeconds(1));
        assertThat(toDead).isCompletedExceptionally();
        assertThat(network.dialsToNobody()).isEqualTo(1);
        assertThat(dial(b, "13.0.0.1").isOpen()).isTrue();
        assertThat(network.dialsToNobody()).isEqualTo(1);
    }
}
