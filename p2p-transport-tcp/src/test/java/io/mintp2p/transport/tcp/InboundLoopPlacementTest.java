package io.mintp2p.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.Listener;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.testkit.transport.RecordingHandler;
import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Accepted connections stay on the loop that accepted them while it is within the slack of the
 * others (no hand-over to a sleeping loop per inbound connection), and the transport's count per
 * loop follows connections in and out.
 */
class InboundLoopPlacementTest {
    @Test
    void acceptedConnectionsStayOnTheAcceptingLoopWithinTheSlack() throws Exception {
        TcpTransport transport = new TcpTransport(TcpOptions.defaults().withIoThreads(4));
        RecordingHandler events = new RecordingHandler();
        List<Socket> peers = new ArrayList<>();
        try {
            Listener listener = transport.listen(TransportAddress.of("tcp", "127.0.0.1", 0), events).get(10, TimeUnit.SECONDS);
            int n = SameLoopFirstChooser.SLACK + 2;
            for (int i = 1; i <= n; i++) {
                peers.add(new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().port()));
                int opened = i;
                await().atMost(10, TimeUnit.SECONDS).until(() -> transport.connections().size() == opened);
            }
            List<EventLoop> loops = transport.connections().stream().map(c -> ((NettyConnection) c).loop()).toList();
            // Newest first: the last one went elsewhere, the first SLACK + 1 share the accepting loop.
            List<EventLoop> firstAccepted = loops.subList(1, n);
            assertThat(firstAccepted).containsOnly(firstAccepted.get(0));
            assertThat(loops.get(0)).isNotSameAs(firstAccepted.get(0));

            for (Socket s : peers) {
                s.close();
            }
            await().atMost(10, TimeUnit.SECONDS).until(() -> transport.connections().isEmpty());
            for (Connection c : events.opened) {
                assertThat(transport.connectionsOn(((NettyConnection) c).loop())).isZero();
            }
        } finally {
            for (Socket s : peers) {
                s.close();
            }
            transport.close();
        }
    }
}
