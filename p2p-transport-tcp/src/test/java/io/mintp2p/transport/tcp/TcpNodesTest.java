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
import io.mintp2p.core.node.SendRefusedException;
import io.mintp2p.core.node.SendResult;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ServiceFlags;
import io.mintp2p.core.wire.Network;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two real nodes over loopback TCP: handshake, pings, application messages, refusal of a wrong network. */
class TcpNodesTest {
    static final MessageType<String> NOTE = MessageType.of(64, "note", ServiceFlags.application(16),
            (s, w) -> w.string(s), r -> r.string(1024));
    static final MessageType<ByteBuf> VIEW = MessageType.ofBytesView(66, "view", ServiceFlags.application(16), 256 * 1024);

    private final List<P2pNode> nodes = new CopyOnWriteArrayList<>();

    private P2pNode node(P2pConfig.Builder config) {
        P2pNode node = Guice.createInjector(new P2pModule(config.build()).withMessageTypes(NOTE, VIEW),
                new TcpTransportModule()).getInstance(P2pNode.class);
        nodes.add(node);
        node.start().join();
        return node;
    }

    private static P2pConfig.Builder config() {
        return P2pConfig.builder().listen(TransportAddress.parse("tcp://127.0.0.1:0"))
                .pingPeriod(Duration.ofMillis(200)).pingTimeout(Duration.ofSeconds(5)).whitelistLoopback(true);
    }

    @AfterEach
    void stop() {
        nodes.forEach(n -> n.stop().orTimeout(10, TimeUnit.SECONDS).join());
    }

    @Test
    void handshakePingsAndApplicationMessages() throws Exception {
        P2pNode a = node(config());
        P2pNode b = node(config());
        List<String> received = new CopyOnWriteArrayList<>();
        a.subscribe(NOTE, (from, note) -> received.add(from.direction() + ":" + note));

        PeerSnapshot peerOfB = b.connect(a.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
        assertThat(peerOfB.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(peerOfB.protocolVersion()).isEqualTo(3);
        assertThat(peerOfB.userAgent()).isEqualTo("mintp2p");
        await().atMost(10, TimeUnit.SECONDS).until(() -> a.peers().size() == 1);

        b.send(peerOfB.id(), NOTE, "hello over tcp").get(10, TimeUnit.SECONDS);
        await().atMost(10, TimeUnit.SECONDS).until(() -> received.contains("INBOUND:hello over tcp"));

        // Idle for longer than the ping period: both sides measure a round trip.
        await().atMost(10, TimeUnit.SECONDS).until(() -> b.peers().get(0).lastPingRtt().isPresent()
                && a.peers().get(0).lastPingRtt().isPresent());
        assertThat(b.stats().pingsSent()).isPositive();
        assertThat(a.peers().get(0).bytesIn()).isPositive();
    }

    /**
     * Sends go straight from the callers' threads to the connection, and the receiver hands
     * application messages to handlers from the transport thread once the peer is accepted (before
     * that, through the node thread): sent from the first moment on and from several threads at once,
     * each thread's messages still arrive whole, once and in order.
     */
    @Test
    void messagesFromSeveralThreadsArriveOnceAndInEachThreadsOrder() throws Exception {
        P2pNode a = node(config());
        P2pNode b = node(config());
        int threads = 4;
        int perThread = 5_000;
        Map<String, List<Integer>> received = new ConcurrentHashMap<>();
        AtomicInteger count = new AtomicInteger();
        a.subscribe(NOTE, (from, note) -> {
            String[] parts = note.split(":");
            received.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
            count.incrementAndGet();
        });
        PeerSnapshot peer = b.connect(a.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String name = "t" + t;
                done.add(senders.submit(() -> {
                    CompletableFuture<Void> last = null;
                    for (int i = 0; i < perThread; i++) {
                        last = b.send(peer.id(), NOTE, name + ":" + i);
                    }
                    return last.get(10, TimeUnit.SECONDS);
                }));
            }
            for (var f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdown();
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> count.get() == threads * perThread);
        for (int t = 0; t < threads; t++) {
            assertThat(received.get("t" + t)).as("thread %d", t).isSorted().hasSize(perThread).doesNotHaveDuplicates();
        }
    }

    /**
     * The future-less send as a streaming application uses it: {@code trySend} until the queue is full,
     * then wait for room. Every message arrives once and in order; what cannot be sent says why.
     */
    @Test
    void trySendStreamsInOrderWaitingForRoomAndSaysWhyItCannot() throws Exception {
        P2pNode a = node(config());
        P2pNode b = node(config());
        int messages = 20_000;
        String padding = "x".repeat(900);
        List<Integer> received = new CopyOnWriteArrayList<>();
        a.subscribe(NOTE, (from, note) -> received.add(Integer.parseInt(note.substring(0, note.indexOf(':')))));
        PeerSnapshot peer = b.connect(a.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);

        List<PeerEvent> events = new CopyOnWriteArrayList<>();
        b.onPeerEvent(events::add);
        int waits = 0;
        for (int i = 0; i < messages; ) {
            SendResult r = b.trySend(peer.id(), NOTE, i + ":" + padding);
            if (r.isQueued()) {
                i++;
            } else {
                assertThat(r).isEqualTo(SendResult.QUEUE_FULL);
                b.whenWritable(peer.id()).get(10, TimeUnit.SECONDS);
                waits++;
            }
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> received.size() == messages);
        assertThat(received).as("after %d waits for room", waits).isSorted().doesNotHaveDuplicates();
        assertThat(events).as("a full queue of application messages does not cost the link (pongs still fit)")
                .noneMatch(e -> e instanceof PeerEvent.Disconnected);

        assertThat(b.trySend(new PeerId(peer.id().value() + 1_000_000), NOTE, "nobody")).isEqualTo(SendResult.NOT_CONNECTED);
        assertThat(b.whenWritable(new PeerId(peer.id().value() + 1_000_000))).isDone();
        MessageType<String> unregistered = MessageType.of(65, "unregistered", ServiceFlags.application(17),
                (s, w) -> w.string(s), r -> r.string(16));
        assertThatThrownBy(() -> b.trySend(peer.id(), unregistered, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The future-returning send as a new user writes it: a window of 4 096 outstanding futures of
     * 1 KiB meets QUEUE_FULL, as a {@link SendRefusedException}; waiting for room and sending that
     * message again delivers every message once and in order, and every other future completes.
     */
    @Test
    void sendFuturesInAWindowWaitForRoomOnQueueFull() throws Exception {
        P2pNode a = node(config());
        P2pNode b = node(config());
        int messages = 20_000;
        String padding = "x".repeat(1000);
        List<Integer> received = new CopyOnWriteArrayList<>();
        a.subscribe(NOTE, (from, note) -> received.add(Integer.parseInt(note.substring(0, note.indexOf(':')))));
        PeerSnapshot peer = b.connect(a.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);

        java.util.ArrayDeque<CompletableFuture<Void>> window = new java.util.ArrayDeque<>();
        int full = 0;
        for (int i = 0; i < messages; ) {
            if (window.size() == 4096) {
                window.removeFirst().get(10, TimeUnit.SECONDS);
            }
            CompletableFuture<Void> sent = b.send(peer.id(), NOTE, i + ":" + padding);
            if (sent.isCompletedExceptionally()) {
                Throwable e = sent.handle((v, x) -> x).join();
                assertThat(e.getCause()).isInstanceOf(SendRefusedException.class);
                assertThat(((SendRefusedException) e.getCause()).outcome()).isEqualTo(SendResult.QUEUE_FULL);
                b.whenWritable(peer.id()).get(10, TimeUnit.SECONDS);
                full++;
                continue;
            }
            window.addLast(sent);
            i++;
        }
        for (CompletableFuture<Void> f : window) {
            f.get(10, TimeUnit.SECONDS);
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> received.size() == messages);
        assertThat(received).as("after %d waits for room", full).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void bytesViewBodiesArriveIntactAndAreReleasedOnceTheHandlerReturned() throws Exception {
        P2pNode a = node(config());
        P2pNode b = node(config());
        List<ByteBuf> seen = new CopyOnWriteArrayList<>();
        List<String> bodies = new CopyOnWriteArrayList<>();
        a.subscribe(VIEW, (from, body) -> {
            seen.add(body);
            bodies.add(body.toString(StandardCharsets.ISO_8859_1));
        });
        PeerSnapshot peer = b.connect(a.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);

        Random random = new Random(7);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // Sizes from empty to over one socket read, so views start and end anywhere in a read.
            byte[] bytes = new byte[i % 3 == 0 ? random.nextInt(100_000) : random.nextInt(2_000)];
            random.nextBytes(bytes);
            ByteBuf body = Unpooled.wrappedBuffer(bytes);
            while (!b.trySend(peer.id(), VIEW, body).isQueued()) {
                b.whenWritable(peer.id()).get(10, TimeUnit.SECONDS);
            }
            assertThat(body.refCnt()).as("a sent body stays the caller's").isEqualTo(1);
            assertThat(body.readableBytes()).isEqualTo(bytes.length);
            sent.add(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> bodies.size() == sent.size());
        assertThat(bodies).containsExactlyElementsOf(sent);
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(seen).as("each view released after its handler").allMatch(v -> v.refCnt() == 0));
    }

    @Test
    void wrongNetworkIsRefusedAndNeverListed() {
        P2pNode regtest = node(config());
        P2pNode testnet = node(config().network(Network.TESTNET));
        List<PeerEvent> events = new CopyOnWriteArrayList<>();
        testnet.onPeerEvent(events::add);

        assertThatThrownBy(() -> testnet.connect(regtest.listenAddresses().get(0)).get(10, TimeUnit.SECONDS))
                .hasMessageContaining("Wrong network");
        assertThat(regtest.peers()).isEmpty();
        assertThat(testnet.peers()).isEmpty();
        await().atMost(10, TimeUnit.SECONDS).until(() -> events.stream()
                .anyMatch(e -> e instanceof PeerEvent.HandshakeFailed f && f.reason().message().contains("Wrong network")));
    }

    @Test
    void stopSaysGoodbyeToPeers() throws Exception {
        P2pNode a = node(config());
        P2pNode b = node(config());
        List<String> reasons = new CopyOnWriteArrayList<>();
        b.onPeerEvent(e -> {
            if (e instanceof PeerEvent.Disconnected d) {
                reasons.add(d.reason().message());
            }
        });
        b.connect(a.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
        a.stop().get(10, TimeUnit.SECONDS);
        await().atMost(10, TimeUnit.SECONDS).until(() -> !reasons.isEmpty());
        assertThat(reasons.get(0)).isEqualTo("Peer will disconnect (Node shutting down)");
    }
}
