package io.mintp2p.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.time.NodeThreads;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ServiceFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Nodes made with {@link P2pNode#builder}, no Guice in sight; their threads say which node they serve. */
class P2pNodeBuilderTest {
    private final List<P2pNode> nodes = new ArrayList<>();

    private static P2pConfig config(String name) {
        return P2pConfig.builder().nodeName(name).listen(TransportAddress.parse("tcp://127.0.0.1:0"))
                .targetOutbound(0).blockRelayOutbound(0).whitelistLoopback(true).build();
    }

    private P2pNode started(P2pNode node) {
        nodes.add(node);
        node.start().orTimeout(10, TimeUnit.SECONDS).join();
        return node;
    }

    @AfterEach
    void stop() {
        nodes.forEach(n -> n.stop().orTimeout(10, TimeUnit.SECONDS).join());
    }

    @Test
    void transportsFoundOnTheClassPathCarryAMessageAndThreadsNameTheNode() {
        P2pNode alice = started(P2pNode.builder(config("alice")).messageTypes(TcpNodesTest.NOTE).build());
        P2pNode bob = started(P2pNode.builder(config("bob")).messageTypes(TcpNodesTest.NOTE).build());
        CompletableFuture<String> handled = new CompletableFuture<>();
        bob.subscribe(TcpNodesTest.NOTE, (from, text) ->
                handled.complete(text + " on " + Thread.currentThread().getName() + " for " + MDC.get(NodeThreads.MDC_KEY)));
        CompletableFuture<String> heard = new CompletableFuture<>();
        bob.onPeerEvent(e -> {
            if (e instanceof PeerEvent.Connected) {
                heard.complete(Thread.currentThread().getName() + " for " + MDC.get(NodeThreads.MDC_KEY));
            }
        });

        PeerSnapshot toBob = alice.connect(bob.listenAddresses().get(0)).orTimeout(10, TimeUnit.SECONDS).join();
        alice.send(toBob.id(), TcpNodesTest.NOTE, "hi").orTimeout(10, TimeUnit.SECONDS).join();

        assertThat(handled.orTimeout(10, TimeUnit.SECONDS).join()).matches("hi on mintp2p-bob-handler-[0-9]+ for bob");
        assertThat(heard.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("mintp2p-bob for bob");
    }

    @Test
    void aGivenTransportReplacesTheDiscoveredOnes() {
        P2pConfig c = P2pConfig.builder().nodeName("only-tcp").targetOutbound(0).blockRelayOutbound(0)
                .listen(TransportAddress.of("mem", "10.0.0.1", 23031)).build();

        assertThatThrownBy(() -> P2pNode.builder(c).transport(new TcpTransport(TcpOptions.from(c))).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no transport for scheme 'mem'");
        await("the refused node's own loop and handler threads end").atMost(10, TimeUnit.SECONDS)
                .until(() -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.isAlive() && t.getName().startsWith("mintp2p-only-tcp")));
    }

    @Test
    void aNodeRefusedWithDiscoveredTransportsLeavesNoThreads() {
        P2pConfig c = P2pConfig.builder().nodeName("refused-found").targetOutbound(0).blockRelayOutbound(0)
                .listen(TransportAddress.of("udp", "10.0.0.1", 23031)).build();

        assertThatThrownBy(() -> P2pNode.builder(c).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no transport for scheme 'udp'");
        await("the refused node's own loop and handler threads end").atMost(10, TimeUnit.SECONDS)
                .until(() -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.isAlive() && t.getName().startsWith("mintp2p-refused-found")));
    }

    @Test
    void mistakesAreThrownAsThemselvesNotWrappedByTheInjector() {
        P2pConfig c = config("mistakes");
        MessageType<String> mintlayers = MessageType.of(3, "taken", ServiceFlags.application(16),
                (s, w) -> w.string(s), r -> r.string(10));

        assertThatThrownBy(() -> P2pNode.builder(c).messageTypes(mintlayers).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> P2pNode.builder(c).transport(new TcpTransport(TcpOptions.from(c)))
                .transport(new TcpTransport(TcpOptions.from(c))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tcp");
    }
}
