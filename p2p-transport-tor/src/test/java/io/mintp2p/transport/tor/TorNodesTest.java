package io.mintp2p.transport.tor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ServiceFlags;
import io.mintp2p.core.wire.OnionV3;
import io.mintp2p.transport.tcp.TcpTransportModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Whole nodes over onion services of the private Tor network. */
@ExtendWith(TorNetworkExtension.class)
class TorNodesTest {
    static final MessageType<String> NOTE = MessageType.of(64, "note", ServiceFlags.application(16),
            (s, w) -> w.string(s), r -> r.string(1024));
    private final List<P2pNode> nodes = new CopyOnWriteArrayList<>();

    static P2pConfig.Builder torConfig(Path dataDir) {
        return P2pConfig.builder().listen(TransportAddress.parse("tor://127.0.0.1:13031")).dataDir(dataDir)
                .handshakeTimeout(Duration.ofSeconds(60)).pingPeriod(Duration.ofMillis(300))
                .pingTimeout(Duration.ofSeconds(30)).whitelistLoopback(true)
                .services(ServiceFlags.PEER_ADDRESSES.with(ServiceFlags.ONION_ADDRESSES).with(NOTE.service()));
    }

    private P2pNode start(P2pConfig config, Module transport) {
        P2pNode node = Guice.createInjector(new P2pModule(config).withMessageTypes(NOTE), transport)
                .getInstance(P2pNode.class);
        nodes.add(node);
        node.start().join();
        return node;
    }

    private P2pNode torNode(P2pConfig config) {
        TorOptions options = TorNetworkExtension.options(config.dataDir().orElseThrow().resolve("tor"));
        return start(config, binder -> {
            binder.install(new TorTransportModule());
            OptionalBinder.newOptionalBinder(binder, TorOptions.class).setBinding().toInstance(options);
        });
    }

    @AfterEach
    void stop() {
        nodes.forEach(n -> n.stop().orTimeout(15, TimeUnit.SECONDS).join());
    }

    @Test
    void twoNodesConnectOnionToOnionHandshakePingAndTalk(@TempDir Path a, @TempDir Path b) throws Exception {
        P2pNode server = torNode(torConfig(a).build());
        P2pNode client = torNode(torConfig(b).build());
        TransportAddress onion = server.listenAddresses().get(0);
        assertThat(onion.scheme()).isEqualTo("tor");
        assertThat(OnionV3.parse(onion.host()).hostname()).isEqualTo(onion.host());
        assertThat(onion.port()).isEqualTo(13031);
        List<String> got = new CopyOnWriteArrayList<>();
        server.subscribe(NOTE, (from, text) -> got.add(text));

        long t0 = System.nanoTime();
        PeerSnapshot peer = client.connect(onion).get(90, TimeUnit.SECONDS);
        long connectMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(peer.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(peer.address()).isEqualTo(onion);
        await().atMost(30, TimeUnit.SECONDS).until(() -> server.peers().size() == 1);

        client.send(peer.id(), NOTE, "through two onion circuits").get(30, TimeUnit.SECONDS);
        await().atMost(30, TimeUnit.SECONDS).until(() -> got.contains("through two onion circuits"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> client.peers().get(0).lastPingRtt().isPresent()
                && server.peers().get(0).lastPingRtt().isPresent());
        Duration onionRtt = client.peers().get(0).lastPingRtt().orElseThrow();
        System.out.printf("onion connect + handshake: %d ms; ping RTT over onion: %d ms; over loopback TCP: %d us%n",
                connectMs, onionRtt.toMillis(), tcpRtt().toNanos() / 1000);
    }

    /** The same ping between two plain TCP nodes, for comparison. */
    private Duration tcpRtt() throws Exception {
        P2pConfig.Builder tcp = P2pConfig.builder().listen(TransportAddress.parse("tcp://127.0.0.1:0"))
                .pingPeriod(Duration.ofMillis(300)).whitelistLoopback(true);
        P2pNode x = start(tcp.build(), new TcpTransportModule());
        P2pNode y = start(tcp.build(), new TcpTransportModule());
        y.connect(x.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
        await().atMost(10, TimeUnit.SECONDS).until(() -> y.peers().get(0).lastPingRtt().isPresent());
        return y.peers().get(0).lastPingRtt().orElseThrow();
    }

    @Test
    void aTorNodeReachesAPlainTcpNodeThroughAnExit(@TempDir Path dir) throws Exception {
        P2pNode tcp = start(P2pConfig.builder().listen(TransportAddress.parse("tcp://127.0.0.1:0"))
                .whitelistLoopback(true).build(), new TcpTransportModule());
        int port = tcp.listenAddresses().get(0).port();
        P2pNode tor = torNode(torConfig(dir).build());
        // The same IP and port under tor://: the name goes to tor, the exit relay connects.
        PeerSnapshot peer = tor.connect(TransportAddress.of("tor", "127.0.0.1", port)).get(90, TimeUnit.SECONDS);
        assertThat(peer.direction()).isEqualTo(Direction.OUTBOUND);
        await().atMost(30, TimeUnit.SECONDS).until(() -> tcp.peers().size() == 1);
        assertThat(tcp.peers().get(0).address().port()).as("the TCP node sees the exit's socket").isNotEqualTo(port);
    }

    @Test
    void aRestartKeepsTheOnionAddressAndTheKeyIsOwnerOnly(@TempDir Path dir) throws Exception {
        P2pNode first = torNode(torConfig(dir).build());
        TransportAddress before = first.listenAddresses().get(0);
        first.stop().get(15, TimeUnit.SECONDS);
        nodes.remove(first);
        Path key = dir.resolve("tor").resolve(OnionKeyFile.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.readString(key)).startsWith("ED25519-V3:");

        P2pNode second = torNode(torConfig(dir).build());
        assertThat(second.listenAddresses()).containsExactly(before);
        // And it is reachable again under that name.
        P2pNode client = torNode(torConfig(dir.resolve("client")).build());
        assertThat(client.connect(before).get(90, TimeUnit.SECONDS).address()).isEqualTo(before);
    }
}
