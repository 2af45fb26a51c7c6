package io.mintp2p.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.inject.Guice;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.FastPathConnection;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.Listener;
import io.mintp2p.core.transport.SendException;
import io.mintp2p.core.transport.SendFailure;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.testkit.transport.RecordingHandler;
import io.netty.buffer.Unpooled;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile or broken peers over real sockets: each is disconnected with a reason while a well
 * behaved peer keeps exchanging frames with the same node.
 */
class BadInputTest {
    private final List<P2pNode> nodes = new CopyOnWriteArrayList<>();
    private final List<PeerEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(n -> n.stop().orTimeout(10, TimeUnit.SECONDS).join());
    }

    private P2pNode node(Duration handshakeTimeout) {
        return node(handshakeTimeout, true);
    }

    private P2pNode node(Duration handshakeTimeout, boolean whitelistLoopback) {
        P2pConfig config = P2pConfig.builder().listen(TransportAddress.parse("tcp://127.0.0.1:0"))
                .handshakeTimeout(handshakeTimeout).pingPeriod(Duration.ofMillis(300))
                .whitelistLoopback(whitelistLoopback).build();
        P2pNode node = Guice.createInjector(new P2pModule(config).withMessageTypes(TcpNodesTest.NOTE),
                new TcpTransportModule()).getInstance(P2pNode.class);
        node.start().join();
        nodes.add(node);
        return node;
    }

    /** A healthy peer connected to {@code target}; returns its view of the target. */
    private PeerSnapshot healthyPeer(P2pNode target, P2pNode peer) throws Exception {
        return peer.connect(target.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
    }

    private void assertStillServing(P2pNode target, P2pNode peer, PeerSnapshot link, String text) throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        target.subscribe(TcpNodesTest.NOTE, (from, note) -> got.add(note));
        peer.send(link.id(), TcpNodesTest.NOTE, text).get(10, TimeUnit.SECONDS);
        await().atMost(10, TimeUnit.SECONDS).until(() -> got.contains(text));
    }

    private static Socket attacker(P2pNode target) throws Exception {
        Socket s = new Socket("127.0.0.1", target.listenAddresses().get(0).port());
        s.setSoTimeout(15_000);
        return s;
    }

    private static boolean closedByPeer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            while (true) {
                if (in.read() == -1) {
                    return true;
                }
            }
        } catch (java.io.IOException e) {
            return true;
        }
    }

    @Test
    void oversizedFrameHeaderIsRefusedBeforeAnyBody() throws Exception {
        P2pNode target = node(Duration.ofSeconds(10));
        P2pNode good = node(Duration.ofSeconds(10));
        PeerSnapshot link = healthyPeer(target, good);
        target.onPeerEvent(events::add);
        try (Socket s = attacker(target)) {
            OutputStream out = s.getOutputStream();
            out.write(HexFormat.of().parseHex("0100a000"));
            out.flush();
            assertThat(closedByPeer(s)).isTrue();
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> events.stream().anyMatch(e ->
                e instanceof PeerEvent.Misbehaved m && m.score() == 100 && m.reason().code() == DisconnectReason.FRAME_TOO_LARGE));
        assertStillServing(target, good, link, "after oversize");
    }

    /**
     * Found on CI: a dial to a stale address reached a proxy that answers every address with an HTTP
     * error, read as an oversized frame. That must fail the dial, not discourage the IP: an honest
     * node connecting from it would be refused.
     */
    @Test
    void aDialAnsweredByAWebServerFailsWithAReasonAndDiscouragesNobody() throws Exception {
        P2pNode node = node(Duration.ofSeconds(10), false);
        P2pNode honest = node(Duration.ofSeconds(10));
        try (java.net.ServerSocket web = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> {
                try (Socket s = web.accept()) {
                    s.getInputStream().read(new byte[64]);
                    s.getOutputStream().write("HTTP/1.0 426 Upgrade Required\r\ncontent-length: 0\r\n\r\n".getBytes());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            CompletableFuture<PeerSnapshot> dial = node.connect(TransportAddress.of("tcp", "127.0.0.1", web.getLocalPort()));
            assertThatThrownBy(() -> dial.get(10, TimeUnit.SECONDS)).hasMessageContaining("maximum size");
            answered.get(10, TimeUnit.SECONDS);
        }
        assertThat(node.bans().join()).as("nothing discouraged").isEmpty();
        PeerSnapshot link = healthyPeer(node, honest);
        assertStillServing(node, honest, link, "from the same IP");
    }

    @Test
    void randomBytesAreADecodeFailure() throws Exception {
        P2pNode target = node(Duration.ofSeconds(10));
        P2pNode good = node(Duration.ofSeconds(10));
        PeerSnapshot link = healthyPeer(target, good);
        target.onPeerEvent(events::add);
        byte[] garbage = new byte[64];
        new Random(5).nextBytes(garbage);
        garbage[0] = 60;
        garbage[1] = 0;
        garbage[2] = 0;
        garbage[3] = 0; // a plausible 60-byte frame full of noise
        try (Socket s = attacker(target)) {
            s.getOutputStream().write(garbage);
            s.getOutputStream().flush();
            assertThat(closedByPeer(s)).isTrue();
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> events.stream().anyMatch(e ->
                e instanceof PeerEvent.Misbehaved m && m.score() == 100));
        assertStillServing(target, good, link, "after garbage");
    }

    @Test
    void silentPeerIsDroppedAtTheHandshakeTimeout() throws Exception {
        P2pNode target = node(Duration.ofMillis(500));
        P2pNode good = node(Duration.ofSeconds(10));
        PeerSnapshot link = healthyPeer(target, good);
        target.onPeerEvent(events::add);
        try (Socket s = attacker(target)) {
            assertThat(closedByPeer(s)).isTrue();
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> events.stream().anyMatch(e ->
                e instanceof PeerEvent.HandshakeFailed f && f.reason().code() == DisconnectReason.HANDSHAKE_TIMEOUT));
        assertStillServing(target, good, link, "after silence");
    }

    /**
     * The future-less send refuses at the same bound with the same typed reason, and a sender that
     * waits for room ({@code whenWritable}) is woken once the peer reads again, not before.
     */
    @Test
    void enqueueToAPeerThatStopsReadingIsRefusedUntilItReadsAgain() throws Exception {
        TcpTransport client = new TcpTransport(TcpOptions.defaults().withMaxQueuedBytes(4L << 20));
        try (java.net.ServerSocket sink = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Connection> dial = client.dial(TransportAddress.of("tcp", "127.0.0.1",
                    sink.getLocalPort()), new RecordingHandler());
            try (Socket slowReader = sink.accept()) {
                FastPathConnection c = (FastPathConnection) dial.get(10, TimeUnit.SECONDS);
                // The kernel may still take bytes from the queue after a refusal (its buffers grow), so the
                // queue is filled again until a refusal is followed by a wait that the kernel cannot end.
                CompletableFuture<Void> room = CompletableFuture.completedFuture(null);
                for (int round = 0; round < 20 && room.isDone(); round++) {
                    java.util.Optional<SendFailure> refused = java.util.Optional.empty();
                    for (int i = 0; i < 400 && refused.isEmpty(); i++) {
                        refused = c.enqueue(Unpooled.wrappedBuffer(new byte[64 << 10]));
                        Thread.yield();
                    }
                    assertThat(refused).as("refused at once, not queued without bound").contains(SendFailure.QUEUE_FULL);
                    room = c.whenWritable();
                }
                assertThat(room).as("no room while the peer does not read").isNotDone();

                Thread reader = new Thread(() -> {
                    try {
                        slowReader.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                    } catch (java.io.IOException closed) {
                        // the test is over
                    }
                });
                reader.start();
                room.get(10, TimeUnit.SECONDS);
                assertThat(c.isWritable()).isTrue();
                assertThat(c.enqueue(Unpooled.wrappedBuffer(new byte[] {1}))).isEmpty();
            }
        } finally {
            client.close();
        }
    }

    @Test
    void sendsToAPeerThatStopsReadingFailFastWithQueueFull() throws Exception {
        TcpTransport server = new TcpTransport(TcpOptions.defaults());
        TcpTransport client = new TcpTransport(TcpOptions.defaults().withMaxQueuedBytes(11L << 20));
        try {
            RecordingHandler serverEvents = new RecordingHandler();
            Listener l = server.listen(TransportAddress.parse("tcp://127.0.0.1:0"), serverEvents).get(10, TimeUnit.SECONDS);
            // A raw socket that connects and never reads: the client side is our transport sending to it.
            try (java.net.ServerSocket sink = new java.net.ServerSocket(0)) {
                RecordingHandler events2 = new RecordingHandler();
                CompletableFuture<Connection> dial = client.dial(TransportAddress.of("tcp", "127.0.0.1",
                        sink.getLocalPort()), events2);
                try (Socket neverReads = sink.accept()) {
                    Connection c = dial.get(10, TimeUnit.SECONDS);
                    CompletableFuture<Void> last = null;
                    boolean refused = false;
                    for (int i = 0; i < 200 && !refused; i++) {
                        last = c.send(Unpooled.wrappedBuffer(new byte[1 << 20]));
                        refused = last.isCompletedExceptionally();
                        Thread.yield();
                    }
                    assertThat(refused).as("a send is refused at once, not queued without bound").isTrue();
                    assertThatThrownBy(last::get).hasCauseInstanceOf(SendException.class);
                    try {
                        last.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(((SendException) e.getCause()).failure()).isEqualTo(SendFailure.QUEUE_FULL);
                    }
                    assertThat(c.isWritable()).isFalse();
                    assertThat(c.isOpen()).as("the caller decides what to do with a slow reader").isTrue();
                    assertThat(events2.closes).isEmpty();
                }
            }
            // The transport still serves others.
            RecordingHandler ok = new RecordingHandler();
            Connection other = client.dial(l.localAddress(), ok).get(10, TimeUnit.SECONDS);
            other.send(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})).get(10, TimeUnit.SECONDS);
            await().atMost(10, TimeUnit.SECONDS).until(() -> serverEvents.frames.size() == 1);
        } finally {
            client.close();
            server.close();
        }
    }
}
