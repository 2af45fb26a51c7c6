package io.mintp2p.transport.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.inject.Guice;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ServiceFlags;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes over noise:// on loopback: handshake, pins, pings, many small messages and a 10 MiB one. */
class NoiseNodesTest {
    static final MessageType<String> NOTE = MessageType.of(64, "note", ServiceFlags.application(16),
            (s, w) -> w.string(s), r -> r.string(1024));
    static final MessageType<byte[]> BLOB = MessageType.of(65, "blob", ServiceFlags.application(16),
            (b, w) -> w.bytes(b), r -> r.bytes(10 * 1024 * 1024 - 16));
    private final List<P2pNode> nodes = new CopyOnWriteArrayList<>();

    /**
     * A node on noise://127.0.0.1; with a short ping period the pings of the test run quickly, yet a pong queued
     * behind a 10 MiB message that a cold JIT decrypts slowly would find the queue full: big messages go to nodes
     * with the default period.
     */
    static P2pNode node(Path dataDir, Duration pingPeriod, List<P2pNode> started) {
        P2pConfig config = P2pConfig.builder().listen(TransportAddress.parse("noise://127.0.0.1:0")).dataDir(dataDir)
                .pingPeriod(pingPeriod).whitelistLoopback(true).build();
        P2pNode node = Guice.createInjector(new P2pModule(config).withMessageTypes(NOTE, BLOB), new NoiseTransportModule())
                .getInstance(P2pNode.class);
        node.start().join();
        started.add(node);
        return node;
    }

    @AfterEach
    void stop() {
        nodes.forEach(n -> n.stop().orTimeout(10, TimeUnit.SECONDS).join());
    }

    @Test
    void nodesHandshakePingAndTalkOverNoise(@TempDir Path a, @TempDir Path b) throws Exception {
        P2pNode server = node(a, Duration.ofMillis(200), nodes);
        P2pNode client = node(b, Duration.ofMillis(200), nodes);
        String serverKey = NoiseKeys.loadOrCreate(a.resolve("keys")).identity().hex();
        List<String> notes = new CopyOnWriteArrayList<>();
        server.subscribe(NOTE, (from, text) -> notes.add(text));

        TransportAddress pinned = TransportAddress.parse(server.listenAddresses().get(0) + "#" + serverKey);
        PeerSnapshot peer = client.connect(pinned).get(10, TimeUnit.SECONDS);
        assertThat(peer.identity()).hasValueSatisfying(id -> assertThat(id.hex()).isEqualTo(serverKey));
        for (int i = 0; i < 50; i++) {
            client.send(peer.id(), NOTE, "note " + i);
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> notes.size() == 50);
        assertThat(notes).containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> "note " + i).toList());
        await().atMost(10, TimeUnit.SECONDS).until(() -> client.peers().get(0).lastPingRtt().isPresent());
        assertThat(server.peers()).singleElement().satisfies(p -> assertThat(p.identity())
                .as("an inbound Noise key is no identity").isEmpty());
    }

    @Test
    void aTenMebibyteMessageCrossesManyRecordsIntactAndInOrder(@TempDir Path a, @TempDir Path b) throws Exception {
        P2pNode server = node(a, Duration.ofSeconds(60), nodes);
        P2pNode client = node(b, Duration.ofSeconds(60), nodes);
        List<String> notes = new CopyOnWriteArrayList<>();
        List<byte[]> blobs = new CopyOnWriteArrayList<>();
        server.subscribe(NOTE, (from, text) -> notes.add(text));
        server.subscribe(BLOB, (from, blob) -> blobs.add(blob));
        PeerSnapshot peer = client.connect(server.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
        byte[] big = new byte[10 * 1024 * 1024 - 1024];
        new java.util.Random(1).nextBytes(big);

        client.send(peer.id(), NOTE, "before");
        client.send(peer.id(), BLOB, big).get(30, TimeUnit.SECONDS);
        client.send(peer.id(), NOTE, "behind").get(10, TimeUnit.SECONDS);

        await().atMost(30, TimeUnit.SECONDS).until(() -> notes.size() == 2);
        assertThat(notes).containsExactly("before", "behind");
        assertThat(blobs).singleElement().satisfies(got -> assertThat(got).isEqualTo(big));
    }

    @Test
    void aDialPinnedToAnotherKeyFails(@TempDir Path a, @TempDir Path b) {
        P2pNode server = node(a, Duration.ofSeconds(60), nodes);
        P2pNode client = node(b, Duration.ofSeconds(60), nodes);
        TransportAddress wrong = TransportAddress.parse(server.listenAddresses().get(0) + "#"
                + NoiseKeys.ephemeral().identity());
        assertThatThrownBy(() -> client.connect(wrong).get(10, TimeUnit.SECONDS))
                .hasMessageContaining("expected Noise key");
        assertThat(server.peers()).isEmpty();
    }
}
