package io.mintp2p.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes over TLS: handshake, identities in the peer snapshot, pings and application messages. */
class TlsNodesTest {
    static final MessageType<String> NOTE = MessageType.of(64, "note", ServiceFlags.application(16),
            (s, w) -> w.string(s), r -> r.string(1024));
    private final List<P2pNode> nodes = new CopyOnWriteArrayList<>();

    private P2pNode node(Path dataDir) {
        P2pConfig config = P2pConfig.builder().listen(TransportAddress.parse("tls://127.0.0.1:0")).dataDir(dataDir)
                .pingPeriod(Duration.ofMillis(200)).whitelistLoopback(true).build();
        P2pNode node = Guice.createInjector(new P2pModule(config).withMessageTypes(NOTE), new TlsTransportModule())
                .getInstance(P2pNode.class);
        node.start().join();
        nodes.add(node);
        return node;
    }

    @AfterEach
    void stop() {
        nodes.forEach(n -> n.stop().orTimeout(10, TimeUnit.SECONDS).join());
    }

    @Test
    void nodesHandshakePingAndTalkOverTls(@TempDir Path a, @TempDir Path b) throws Exception {
        P2pNode server = node(a);
        P2pNode client = node(b);
        String serverId = NodeKeys.loadOrCreate(a.resolve("keys")).identity().hex();
        List<String> got = new CopyOnWriteArrayList<>();
        server.subscribe(NOTE, (from, text) -> got.add(text));

        TransportAddress pinned = TransportAddress.parse(server.listenAddresses().get(0) + "#" + serverId);
        PeerSnapshot peer = client.connect(pinned).get(10, TimeUnit.SECONDS);
        assertThat(peer.identity()).hasValueSatisfying(id -> assertThat(id.hex()).isEqualTo(serverId));
        client.send(peer.id(), NOTE, "over tls").get(10, TimeUnit.SECONDS);
        await().atMost(10, TimeUnit.SECONDS).until(() -> got.contains("over tls"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> client.peers().get(0).lastPingRtt().isPresent());
        assertThat(server.peers()).singleElement().satisfies(p -> assertThat(p.identity()).isPresent());
    }
}
