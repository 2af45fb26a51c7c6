package io.mintp2p.transport.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.inject.Guice;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.transport.TransportException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile peers over real loopback sockets, each from its own 127.x source: every one is closed with its typed
 * reason, none costs a ban score, the pending slots they took come free, and an honest peer keeps being served.
 * The handshake deadline runs on real time here (short, bounded by the socket timeout); its exact timing is tested
 * on virtual time in {@link NoiseHandshakeHandlerTest}.
 */
class NoiseHostileInputTest {
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofMillis(500);
    private final List<P2pNode> nodes = new CopyOnWriteArrayList<>();
    private final List<PeerEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(n -> n.stop().orTimeout(10, TimeUnit.SECONDS).join());
    }

    private P2pNode node() {
        P2pConfig config = P2pConfig.builder().listen(TransportAddress.parse("noise://127.0.0.1:0"))
                .handshakeTimeout(HANDSHAKE_TIMEOUT).build();
        P2pNode node = Guice.createInjector(new P2pModule(config).withMessageTypes(NoiseNodesTest.NOTE),
                new NoiseTransportModule()).getInstance(P2pNode.class);
        node.start().join();
        nodes.add(node);
        return node;
    }

    private static int port(P2pNode node) {
        return node.listenAddresses().get(0).port();
    }

    private static Socket from(String source, P2pNode target) throws Exception {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(source, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port(target)), 5000);
        s.setSoTimeout(15_000);
        return s;
    }

    private static boolean closedByPeer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            while (in.read() != -1) {
                // what the node sent before closing does not matter here
            }
            return true;
        } catch (java.io.IOException e) {
            return !(e instanceof java.net.SocketTimeoutException);
        }
    }

    private void assertHandshakeFailed(String source, DisconnectReason code, String detail) {
        await().atMost(10, TimeUnit.SECONDS).until(() -> events.stream().anyMatch(e -> e instanceof PeerEvent.HandshakeFailed f
                && f.address().host().equals(source) && f.reason().code() == code && f.reason().detail().equals(detail)));
    }

    @Test
    void eachHostilePeerIsClosedWithItsReasonWhileAnHonestOneIsServed() throws Exception {
        P2pNode target = node();
        P2pNode honest = node();
        target.onPeerEvent(events::add);
        PeerSnapshot link = honest.connect(target.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);

        try (Socket garbage = from("127.0.0.2", target)) {
            garbage.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            assertThat(closedByPeer(garbage)).as("non-Noise bytes").isTrue();
        }
        try (RawNoisePeer truncated = RawNoisePeer.initiator("127.0.0.3", port(target))) {
            truncated.firstMessageOnly();
            assertThat(truncated.closedByRemote()).as("a handshake that stops after message 1").isTrue();
        }
        try (RawNoisePeer empty = RawNoisePeer.initiator("127.0.0.4", port(target)).handshake()) {
            empty.writeEmptyRecord();
            assertThat(empty.closedByRemote()).isTrue();
        }
        assertHandshakeFailed("127.0.0.4", DisconnectReason.NOISE_BAD_RECORD, "empty record");
        try (RawNoisePeer forged = RawNoisePeer.initiator("127.0.0.5", port(target)).handshake()) {
            forged.writeForgedRecord(new byte[] {1, 0, 0, 0, 0});
            assertThat(forged.closedByRemote()).isTrue();
        }
        assertHandshakeFailed("127.0.0.5", DisconnectReason.NOISE_BAD_RECORD, "bad tag");

        // The garbage and the truncated handshake never opened: their slots come free all the same.
        await().atMost(10, TimeUnit.SECONDS).until(() -> target.stats().pendingInbound() == 0);
        assertThat(events).noneMatch(e -> e instanceof PeerEvent.Misbehaved);
        assertThat(target.bans().join()).as("no ban score for Noise failures").isEmpty();
        List<String> got = new CopyOnWriteArrayList<>();
        target.subscribe(NoiseNodesTest.NOTE, (peer, note) -> got.add(note));
        honest.send(link.id(), NoiseNodesTest.NOTE, "still here").get(10, TimeUnit.SECONDS);
        await().atMost(10, TimeUnit.SECONDS).until(() -> got.contains("still here"));
    }

    @Test
    void aDialAnsweredWithNonNoiseBytesFailsWithNoiseFailed() throws Exception {
        P2pNode node = node();
        assertThat(dialAnsweredBy(node, "HTTP/1.0 426 Upgrade Required\r\n\r\n".getBytes()).code())
                .isEqualTo(DisconnectReason.NOISE_FAILED);
    }

    @Test
    void aDialToAPeerThatNeverAnswersFailsAtTheDeadline() throws Exception {
        P2pNode node = node();
        assertThat(dialAnsweredBy(node, new byte[0]).code()).isEqualTo(DisconnectReason.NOISE_TIMEOUT);
    }

    /** Dials a raw server that reads message 1 and answers {@code answer}, then stays silent; the dial's reason. */
    private static io.mintp2p.core.transport.CloseReason dialAnsweredBy(P2pNode node, byte[] answer) throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    Socket s = raw.accept();
                    s.getInputStream().readNBytes(2 + NoiseHandshake.MESSAGE_1_BYTES);
                    s.getOutputStream().write(answer);
                    return s;
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            CompletableFuture<PeerSnapshot> dial = node.connect(TransportAddress.of("noise", "127.0.0.1", raw.getLocalPort()));
            try (Socket s = accepted.get(10, TimeUnit.SECONDS)) {
                ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                        () -> dial.get(10, TimeUnit.SECONDS));
                assertThat(failed.getCause()).isInstanceOf(TransportException.class);
                return ((TransportException) failed.getCause()).reason();
            }
        }
    }
}
