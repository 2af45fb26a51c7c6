package io.mintp2p.transport.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Guice;
import com.google.inject.multibindings.OptionalBinder;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.transport.tcp.Socks5Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** noise:// dials through the node's SOCKS5 proxy: the handshake runs once the proxy connected, each with a fresh key. */
class NoiseOverSocks5Test {
    private final List<P2pNode> nodes = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(n -> n.stop().orTimeout(10, TimeUnit.SECONDS).join());
    }

    @Test
    void aNodeDialsANoiseNodeThroughSocks5(@TempDir Path a, @TempDir Path b) throws Exception {
        try (MiniSocks5 socks = new MiniSocks5()) {
            P2pNode server = NoiseNodesTest.node(a, Duration.ofSeconds(60), nodes);
            P2pConfig config = P2pConfig.builder().listen(TransportAddress.parse("noise://127.0.0.1:0")).dataDir(b)
                    .whitelistLoopback(true).build();
            Socks5Proxy proxy = new Socks5Proxy(socks.address(), Optional.empty(), Duration.ofSeconds(10));
            P2pNode client = Guice.createInjector(new P2pModule(config).withMessageTypes(NoiseNodesTest.NOTE, NoiseNodesTest.BLOB),
                    new NoiseTransportModule(),
                    binder -> OptionalBinder.newOptionalBinder(binder, Socks5Proxy.class).setBinding().toInstance(proxy))
                    .getInstance(P2pNode.class);
            client.start().join();
            nodes.add(client);
            List<String> got = new CopyOnWriteArrayList<>();
            server.subscribe(NoiseNodesTest.NOTE, (from, note) -> got.add(note));

            String serverKey = NoiseKeys.loadOrCreate(a.resolve("keys")).identity().hex();
            TransportAddress target = TransportAddress.parse("noise://localhost:" + server.listenAddresses().get(0).port()
                    + "#" + serverKey);
            PeerSnapshot peer = client.connect(target).get(10, TimeUnit.SECONDS);
            client.send(peer.id(), NoiseNodesTest.NOTE, "through the proxy").get(10, TimeUnit.SECONDS);

            await().atMost(10, TimeUnit.SECONDS).until(() -> got.contains("through the proxy"));
            assertThat(socks.targets).as("the name went to the proxy unresolved")
                    .containsExactly("localhost:" + server.listenAddresses().get(0).port());
            assertThat(peer.identity()).hasValueSatisfying(id -> assertThat(id.hex()).isEqualTo(serverKey));
        }
    }

    @Test
    void withAProxyTheModulesTransportShowsANewKeyOnEachDial() throws Exception {
        try (MiniSocks5 socks = new MiniSocks5();
             java.net.ServerSocket raw = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Socks5Proxy proxy = new Socks5Proxy(socks.address(), Optional.empty(), Duration.ofSeconds(10));
            NoiseTransport transport = Guice.createInjector(new P2pModule(P2pConfig.builder().build()),
                    new NoiseTransportModule(),
                    binder -> OptionalBinder.newOptionalBinder(binder, Socks5Proxy.class).setBinding().toInstance(proxy))
                    .getInstance(NoiseTransport.class);
            try {
                TransportAddress target = TransportAddress.of("noise", "127.0.0.1", raw.getLocalPort());
                byte[] first = NoiseIdentityTest.keySeenByResponder(raw, transport, target);
                byte[] second = NoiseIdentityTest.keySeenByResponder(raw, transport, target);
                assertThat(first).isNotEqualTo(second);
                assertThat(NoiseKeys.identityOf(first)).isNotEqualTo(transport.localIdentity());
                assertThat(socks.targets).hasSize(2);
            } finally {
                transport.close();
            }
        }
    }
}
