package io.mintp2p.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.testkit.transport.RecordingHandler;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The transport knows its open connections: one that goes leaves the list, closing the transport closes the rest with its reason. */
class OpenConnectionsTest {
    @Test
    void aGoneConnectionLeavesAndTheRestCloseWithTheTransport() throws Exception {
        TcpTransport transport = new TcpTransport(TcpOptions.defaults());
        RecordingHandler events = new RecordingHandler();
        List<Socket> peers = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            TransportAddress address = TransportAddress.of("tcp", "127.0.0.1", server.getLocalPort());
            for (int i = 0; i < 3; i++) {
                transport.dial(address, events).get(10, TimeUnit.SECONDS);
                peers.add(server.accept());
            }
            assertThat(transport.connections()).hasSize(3);

            peers.get(1).close(); // the middle one of the list goes
            await().atMost(10, TimeUnit.SECONDS).until(() -> transport.connections().size() == 2);
            assertThat(events.closes).extracting(CloseReason::code).containsExactly(DisconnectReason.PEER_CLOSED);

            transport.close();
            await().atMost(10, TimeUnit.SECONDS).until(() -> events.closes.size() == 3);
            assertThat(events.closes.subList(1, 3)).extracting(CloseReason::code)
                    .containsOnly(DisconnectReason.TRANSPORT_SHUTDOWN);
            assertThat(transport.connections()).isEmpty();
        } finally {
            for (Socket s : peers) {
                s.close();
            }
            transport.close();
        }
    }
}
