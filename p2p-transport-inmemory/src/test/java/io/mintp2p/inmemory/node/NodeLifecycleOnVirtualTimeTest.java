package io.mintp2p.inmemory.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.time.VirtualTimeScheduler;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ServiceFlags;
import io.mintp2p.core.wire.Network;
import io.mintp2p.inmemory.InMemoryNetwork;
import io.mintp2p.inmemory.InMemoryTransportModule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Node life cycle on virtual time: peer tables on both sides, fan-out, goodbyes on stop, wrong networks. */
class NodeLifecycleOnVirtualTimeTest {
    static final MessageType<String> NOTE = MessageType.of(64, "note", ServiceFlags.application(16),
            (s, w) -> w.string(s), r -> r.string(100));

    private final VirtualTimeScheduler time = new VirtualTimeScheduler();
    private final InMemoryNetwork network = new InMemoryNetwork(time, (a, b) -> Duration.ofMillis(10));
    private long seed = 11;

    private static TransportAddress mem(String ip) {
        return TransportAddress.of("mem", ip, 23031);
    }

    private P2pNode node(String ip, Network chain) {
        P2pConfig config = P2pConfig.builder().network(chain).listen(mem(ip)).targetOutbound(0).blockRelayOutbound(0).build();
        P2pModule core = new P2pModule(config).withScheduler(time).withHandlerExecutor(time).withRandom(new SplittableRandom(seed++))
                .withMessageTypes(NOTE);
        P2pNode node = Guice.createInjector(core, new InMemoryTransportModule(network, ip)).getInstance(P2pNode.class);
        node.start();
        time.runUntilIdle();
        return node;
    }

    private P2pNode node(String ip) {
        return node(ip, Network.REGTEST);
    }

    private <T> T await(CompletableFuture<T> f) {
        time.advance(Duration.ofSeconds(5));
        assertThat(f).isDone();
        return f.join();
    }

    private static List<String> disconnectReasons(P2pNode node) {
        List<String> reasons = new ArrayList<>();
        node.onPeerEvent(e -> {
            if (e instanceof PeerEvent.Disconnected d) {
                reasons.add(d.reason().message());
            }
        });
        return reasons;
    }

    @Test
    void bothSidesListTheOtherWithTheHandshakeDetails() {
        P2pNode a = node("10.0.0.1");
        P2pNode b = node("10.0.0.2");
        List<PeerEvent> bEvents = new ArrayList<>();
        b.onPeerEvent(bEvents::add);

        PeerSnapshot toB = await(a.connect(mem("10.0.0.2")));

        assertThat(toB.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(toB.address()).isEqualTo(mem("10.0.0.2"));
        assertThat(toB.protocolVersion()).isEqualTo(3);
        assertThat(toB.userAgent()).isEqualTo(b.config().userAgent());
        assertThat(toB.softwareVersion()).isEqualTo(b.config().softwareVersion());
        assertThat(toB.services().contains(NOTE.service())).as("b advertises the note service").isTrue();
        assertThat(a.peers()).extracting(PeerSnapshot::id).containsExactly(toB.id());
        assertThat(b.peers()).singleElement().satisfies(p -> {
            assertThat(p.direction()).isEqualTo(Direction.INBOUND);
            assertThat(p.address().host()).isEqualTo("10.0.0.1");
            assertThat(p.bytesIn()).as("b received at least a Hello").isPositive();
            assertThat(p.bytesOut()).as("b sent at least a HelloAck").isPositive();
        });
        assertThat(bEvents).singleElement().isInstanceOf(PeerEvent.Connected.class);
    }

    @Test
    void subscribersOfThreeNodesReceiveABroadcastFromEachNeighbour() {
        P2pNode hub = node("10.0.0.1");
        P2pNode left = node("10.0.0.2");
        P2pNode right = node("10.0.0.3");
        List<String> leftGot = new ArrayList<>();
        List<String> rightGot = new ArrayList<>();
        List<String> hubGot = new ArrayList<>();
        left.subscribe(NOTE, (from, text) -> leftGot.add(text));
        right.subscribe(NOTE, (from, text) -> rightGot.add(text));
        hub.subscribe(NOTE, (from, text) -> hubGot.add(text));
        await(left.connect(mem("10.0.0.1")));
        await(right.connect(mem("10.0.0.1")));

        assertThat(hub.broadcast(NOTE, "to all")).isEqualTo(2);
        time.advance(Duration.ofSeconds(5));
        assertThat(left.broadcast(NOTE, "from left")).isEqualTo(1);
        time.advance(Duration.ofSeconds(5));

        assertThat(leftGot).containsExactly("to all");
        assertThat(rightGot).as("the hub does not relay by itself").containsExactly("to all");
        assertThat(hubGot).containsExactly("from left");
        assertThat(hub.peers()).hasSize(2);
    }

    @Test
    void stoppingSaysGoodbyeToEveryPeer() {
        P2pNode a = node("10.0.0.1");
        P2pNode b = node("10.0.0.2");
        P2pNode c = node("10.0.0.3");
        List<String> bReasons = disconnectReasons(b);
        List<String> cReasons = disconnectReasons(c);
        await(a.connect(mem("10.0.0.2")));
        await(c.connect(mem("10.0.0.1")));

        CompletableFuture<Void> stopped = a.stop();
        await(stopped);

        assertThat(stopped).isCompleted();
        assertThat(a.stop()).as("stop is idempotent").isSameAs(stopped);
        assertThat(bReasons).as("the goodbye arrived before the close").containsExactly("Peer will disconnect (Node shutting down)");
        assertThat(cReasons).isEqualTo(bReasons);
        assertThat(b.peers()).isEmpty();
        assertThat(c.peers()).isEmpty();
    }

    @Test
    void aNodeOfAnotherNetworkIsRefusedAndNeverListed() {
        P2pNode regtest = node("10.0.0.1", Network.REGTEST);
        P2pNode testnet = node("10.0.0.2", Network.TESTNET);
        List<PeerEvent> regtestEvents = new ArrayList<>();
        List<PeerEvent> testnetEvents = new ArrayList<>();
        regtest.onPeerEvent(regtestEvents::add);
        testnet.onPeerEvent(testnetEvents::add);

        CompletableFuture<PeerSnapshot> dial = testnet.connect(mem("10.0.0.1"));
        time.advance(Duration.ofSeconds(15));

        assertThat(dial).isCompletedExceptionally();
        assertThat(regtest.peers()).isEmpty();
        assertThat(testnet.peers()).isEmpty();
        assertThat(regtestEvents).noneMatch(e -> e instanceof PeerEvent.Connected);
        assertThat(testnetEvents).noneMatch(e -> e instanceof PeerEvent.Connected);
        assertThat(testnetEvents).anyMatch(e -> e instanceof PeerEvent.HandshakeFailed f
                && f.reason().code() == DisconnectReason.PEER_WILL_DISCONNECT
                && f.reason().detail().equals("Wrong network; our network is 'regtest'"));
    }

    @Test
    void sendingToAPeerThatLeftFails() {
        P2pNode a = node("10.0.0.1");
        P2pNode b = node("10.0.0.2");
        PeerSnapshot toB = await(a.connect(mem("10.0.0.2")));
        b.stop();
        time.advance(Duration.ofSeconds(5));

        CompletableFuture<Void> late = a.send(toB.id(), NOTE, "too late");
        time.advance(Duration.ofSeconds(1));

        assertThat(late).isCompletedExceptionally();
        assertThat(a.peers()).isEmpty();
    }
}
