package io.mintp2p.inmemory.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.time.VirtualTimeScheduler;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ServiceFlags;
import io.mintp2p.inmemory.InMemoryNetwork;
import io.mintp2p.inmemory.InMemoryTransportModule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The node runtime's public API on virtual time: services, self-connections, goodbyes. */
class NodeOnVirtualTimeTest {
    static final MessageType<String> NOTE = MessageType.of(64, "note", ServiceFlags.application(16),
            (s, w) -> w.string(s), r -> r.string(100));

    private final VirtualTimeScheduler time = new VirtualTimeScheduler();
    private final InMemoryNetwork network = new InMemoryNetwork(time, (a, b) -> Duration.ofMillis(10));
    private long seed = 1;

    private P2pNode node(String ip, boolean speaksNote) {
        P2pConfig config = P2pConfig.builder().listen(TransportAddress.of("mem", ip, 23031)).targetOutbound(0).blockRelayOutbound(0).build();
        P2pModule core = new P2pModule(config).withScheduler(time).withHandlerExecutor(time).withRandom(new SplittableRandom(seed++));
        if (speaksNote) {
            core.withMessageTypes(NOTE);
        }
        P2pNode node = Guice.createInjector(core, new InMemoryTransportModule(network, ip)).getInstance(P2pNode.class);
        node.start();
        time.runUntilIdle();
        return node;
    }

    private <T> T await(CompletableFuture<T> f) {
        time.advance(Duration.ofSeconds(5));
        assertThat(f).isDone();
        return f.join();
    }

    @Test
    void messagesGoOnlyToPeersThatOfferTheirService() {
        P2pNode a = node("10.0.0.1", true);
        P2pNode b = node("10.0.0.2", false);
        P2pNode c = node("10.0.0.3", true);
        List<String> cGot = new ArrayList<>();
        c.subscribe(NOTE, (from, text) -> cGot.add(text));
        PeerSnapshot toB = await(a.connect(TransportAddress.of("mem", "10.0.0.2", 23031)));
        PeerSnapshot toC = await(a.connect(TransportAddress.of("mem", "10.0.0.3", 23031)));

        CompletableFuture<Void> refused = a.send(toB.id(), NOTE, "b cannot read this");
        time.advance(Duration.ofSeconds(1));
        assertThat(refused).isCompletedExceptionally();
        assertThat(a.broadcast(NOTE, "for c")).as("only c offers the service").isEqualTo(1);
        await(a.send(toC.id(), NOTE, "direct"));
        assertThat(cGot).containsExactly("for c", "direct");
        assertThat(b.peers()).hasSize(1);
    }

    @Test
    void dialingOurOwnAddressIsDetectedAsASelfConnection() {
        P2pNode a = node("10.0.0.1", true);
        List<PeerEvent> events = new ArrayList<>();
        a.onPeerEvent(events::add);
        CompletableFuture<PeerSnapshot> self = a.connect(a.listenAddresses().get(0));
        time.advance(Duration.ofSeconds(5));
        assertThat(self).isCompletedExceptionally();
        assertThat(a.peers()).isEmpty();
        assertThat(events).anyMatch(e -> e instanceof PeerEvent.HandshakeFailed f
                && f.reason().code() == DisconnectReason.SELF_CONNECTION);
    }

    @Test
    void manualDisconnectReachesThePeerWithItsReason() {
        P2pNode a = node("10.0.0.1", true);
        P2pNode b = node("10.0.0.2", true);
        List<String> reasons = new ArrayList<>();
        b.onPeerEvent(e -> {
            if (e instanceof PeerEvent.Disconnected d) {
                reasons.add(d.reason().message());
            }
        });
        PeerSnapshot toB = await(a.connect(TransportAddress.of("mem", "10.0.0.2", 23031)));
        a.disconnect(toB.id(), "");
        time.advance(Duration.ofSeconds(1));
        assertThat(reasons).containsExactly("Peer will disconnect (Manual disconnection)");
        assertThat(a.peers()).isEmpty();
        assertThat(b.peers()).isEmpty();
    }
}
