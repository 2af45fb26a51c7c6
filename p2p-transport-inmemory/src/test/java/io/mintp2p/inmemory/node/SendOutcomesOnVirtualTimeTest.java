package io.mintp2p.inmemory.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.node.SendRefusedException;
import io.mintp2p.core.node.SendResult;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.time.VirtualTimeScheduler;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ServiceFlags;
import io.mintp2p.inmemory.InMemoryNetwork;
import io.mintp2p.inmemory.InMemoryTransportModule;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** What a send, a broadcast and the node's queries answer, on virtual time: one outcome type, typed addresses. */
class SendOutcomesOnVirtualTimeTest {
    static final MessageType<String> NOTE = MessageType.of(64, "note", ServiceFlags.application(16),
            (s, w) -> w.string(s), r -> r.string(100));

    private final VirtualTimeScheduler time = new VirtualTimeScheduler();
    private final InMemoryNetwork network = new InMemoryNetwork(time, (a, b) -> Duration.ofMillis(10));
    private long seed = 1;

    private P2pNode node(String ip, boolean speaksNote) {
        P2pConfig config = P2pConfig.builder().listen(mem(ip)).targetOutbound(0).blockRelayOutbound(0).build();
        P2pModule core = new P2pModule(config).withScheduler(time).withHandlerExecutor(time).withRandom(new SplittableRandom(seed++));
        if (speaksNote) {
            core.withMessageTypes(NOTE);
        }
        P2pNode node = Guice.createInjector(core, new InMemoryTransportModule(network, ip)).getInstance(P2pNode.class);
        node.start();
        time.runUntilIdle();
        return node;
    }

    private static TransportAddress mem(String ip) {
        return TransportAddress.of("mem", ip, 23031);
    }

    private <T> T await(CompletableFuture<T> f) {
        time.advance(Duration.ofSeconds(5));
        assertThat(f).isDone();
        return f.join();
    }

    /** The outcome a failed send future carries, checked to be wrapped the one way the API says. */
    private static SendResult outcomeOf(CompletableFuture<Void> sent) {
        assertThat(sent).isCompletedExceptionally();
        Throwable seen = sent.handle((v, e) -> e).join();
        assertThat(seen).isInstanceOf(CompletionException.class).hasCauseInstanceOf(SendRefusedException.class);
        assertThatThrownBy(sent::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SendRefusedException.class);
        return ((SendRefusedException) seen.getCause()).outcome();
    }

    @Test
    void everyRefusalFailsTheSendFutureWithTheOutcomeTrySendReturns() {
        P2pNode a = node("10.0.0.1", true);
        P2pNode b = node("10.0.0.2", false);
        P2pNode c = node("10.0.0.3", true);
        List<String> cGot = new ArrayList<>();
        c.subscribe(NOTE, (from, text) -> cGot.add(text));
        PeerSnapshot toB = await(a.connect(mem("10.0.0.2")));
        PeerSnapshot toC = await(a.connect(mem("10.0.0.3")));
        PeerId nobody = new PeerId(toC.id().value() + 1_000);

        assertThat(outcomeOf(a.send(nobody, NOTE, "x"))).isEqualTo(SendResult.NOT_CONNECTED);
        assertThat(a.trySend(nobody, NOTE, "x")).isEqualTo(SendResult.NOT_CONNECTED);
        assertThat(outcomeOf(a.send(toB.id(), NOTE, "x"))).isEqualTo(SendResult.SERVICE_NOT_OFFERED);
        assertThat(a.trySend(toB.id(), NOTE, "x")).isEqualTo(SendResult.SERVICE_NOT_OFFERED);
        String tooLarge = "x".repeat(11 << 20);
        assertThat(outcomeOf(a.send(toC.id(), NOTE, tooLarge))).isEqualTo(SendResult.TOO_LARGE);
        assertThat(a.trySend(toC.id(), NOTE, tooLarge)).isEqualTo(SendResult.TOO_LARGE);

        CompletableFuture<Void> sent = a.send(toC.id(), NOTE, "hello");
        assertThat(await(sent)).isNull();
        assertThat(cGot).containsExactly("hello");
    }

    @Test
    void anUnregisteredTypeIsTheCallersMistakeNotAnOutcome() {
        P2pNode a = node("10.0.0.1", true);
        P2pNode c = node("10.0.0.3", true);
        PeerSnapshot toC = await(a.connect(mem("10.0.0.3")));
        MessageType<String> unregistered = MessageType.of(65, "unregistered", ServiceFlags.application(17),
                (s, w) -> w.string(s), r -> r.string(16));
        assertThatThrownBy(() -> a.send(toC.id(), unregistered, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.trySend(toC.id(), unregistered, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.broadcast(unregistered, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(c.peers()).hasSize(1);
    }

    @Test
    void broadcastReturnsHowManyPeersItWasQueuedFor() {
        P2pNode hub = node("10.0.0.1", true);
        P2pNode b = node("10.0.0.2", false);
        P2pNode c = node("10.0.0.3", true);
        P2pNode d = node("10.0.0.4", true);
        await(hub.connect(mem("10.0.0.2")));
        await(hub.connect(mem("10.0.0.3")));
        PeerSnapshot toD = await(hub.connect(mem("10.0.0.4")));

        assertThat(hub.broadcast(NOTE, "all")).as("b does not offer the service").isEqualTo(2);
        assertThat(hub.broadcast(NOTE, "not d", toD.id())).isEqualTo(1);
        assertThat(node("10.0.0.5", true).broadcast(NOTE, "nobody")).as("a node without peers").isZero();
        assertThat(c.peers()).hasSize(1);
        assertThat(d.peers()).hasSize(1);
    }

    @Test
    void queriesAnswerWithFuturesCompletedByTheNodeThread() {
        P2pNode a = node("10.0.0.1", true);
        node("10.0.0.3", true);
        await(a.connect(mem("10.0.0.3")));
        InetAddress banned = InetAddress.getLoopbackAddress();
        a.ban(banned, Duration.ofHours(1), "test");

        CompletableFuture<?> bans = a.bans();
        time.runUntilIdle();
        assertThat(a.bans().join()).singleElement().satisfies(ban -> assertThat(ban.address()).isEqualTo(banned));
        assertThat(bans).isDone();
        assertThat(a.addresses().join()).isNotNull();
        assertThat(a.identityPins().join()).as("mem does not authenticate").isEmpty();
    }

    @Test
    void aFailedHandshakeNamesItsAddressTyped() {
        P2pNode a = node("10.0.0.1", true);
        List<PeerEvent.HandshakeFailed> failed = new ArrayList<>();
        a.onPeerEvent(e -> {
            if (e instanceof PeerEvent.HandshakeFailed f) {
                failed.add(f);
            }
        });
        CompletableFuture<PeerSnapshot> toSelf = a.connect(mem("10.0.0.1"));
        time.advance(Duration.ofSeconds(5));
        assertThat(toSelf).isCompletedExceptionally();
        assertThat(failed).isNotEmpty().allSatisfy(f -> assertThat(f.address().host()).isEqualTo("10.0.0.1"));
    }
}
