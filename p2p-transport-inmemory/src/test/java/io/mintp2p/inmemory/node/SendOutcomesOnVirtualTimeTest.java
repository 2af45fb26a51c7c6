package io.mintp2p.inmemory.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.node.SendRefusedException;
import io.mintp2p.core.node.SendResult;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.time.VirtualTimeScheduler;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ServiceFlags;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** What a send, a broadcast and the node's queries answer, on virtual time: one outcome type, typed addresses. */
class SendOutcomesOnVirtualTimeTest {
    static final MessageType<String> NOTE = VirtualNodes.NOTE;

    private final VirtualNodes nodes = new VirtualNodes();
    private final VirtualTimeScheduler time = nodes.time;

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
        P2pNode a = nodes.node("10.0.0.1", true);
        P2pNode b = nodes.node("10.0.0.2", false);
        P2pNode c = nodes.node("10.0.0.3", true);
        List<String> cGot = new ArrayList<>();
        c.subscribe(NOTE, (from, text) -> cGot.add(text));
        PeerSnapshot toB = nodes.await(a.connect(VirtualNodes.mem("10.0.0.2")));
        PeerSnapshot toC = nodes.await(a.connect(VirtualNodes.mem("10.0.0.3")));
        PeerId nobody = new PeerId(toC.id().value() + 1_000);

        assertThat(outcomeOf(a.send(nobody, NOTE, "x"))).isEqualTo(SendResult.NOT_CONNECTED);
        assertThat(a.trySend(nobody, NOTE, "x")).isEqualTo(SendResult.NOT_CONNECTED);
        assertThat(outcomeOf(a.send(toB.id(), NOTE, "x"))).isEqualTo(SendResult.SERVICE_NOT_OFFERED);
        assertThat(a.trySend(toB.id(), NOTE, "x")).isEqualTo(SendResult.SERVICE_NOT_OFFERED);
        String tooLarge = "x".repeat(11 << 20);
        assertThat(outcomeOf(a.send(toC.id(), NOTE, tooLarge))).isEqualTo(SendResult.TOO_LARGE);
        assertThat(a.trySend(toC.id(), NOTE, tooLarge)).isEqualTo(SendResult.TOO_LARGE);

        CompletableFuture<Void> sent = a.send(toC.id(), NOTE, "hello");
        assertThat(nodes.await(sent)).isNull();
        assertThat(cGot).containsExactly("hello");
    }

    @Test
    void anUnregisteredTypeIsTheCallersMistakeNotAnOutcome() {
        P2pNode a = nodes.node("10.0.0.1", true);
        P2pNode c = nodes.node("10.0.0.3", true);
        PeerSnapshot toC = nodes.await(a.connect(VirtualNodes.mem("10.0.0.3")));
        MessageType<String> unregistered = MessageType.of(65, "unregistered", ServiceFlags.application(17),
                (s, w) -> w.string(s), r -> r.string(16));
        assertThatThrownBy(() -> a.send(toC.id(), unregistered, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.trySend(toC.id(), unregistered, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.broadcast(unregistered, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(c.peers()).hasSize(1);
    }

    @Test
    void broadcastReturnsHowManyPeersItWasQueuedFor() {
        P2pNode hub = nodes.node("10.0.0.1", true);
        P2pNode b = nodes.node("10.0.0.2", false);
        P2pNode c = nodes.node("10.0.0.3", true);
        P2pNode d = nodes.node("10.0.0.4", true);
        nodes.await(hub.connect(VirtualNodes.mem("10.0.0.2")));
        nodes.await(hub.connect(VirtualNodes.mem("10.0.0.3")));
        PeerSnapshot toD = nodes.await(hub.connect(VirtualNodes.mem("10.0.0.4")));

        assertThat(hub.broadcast(NOTE, "all")).as("b does not offer the service").isEqualTo(2);
        assertThat(hub.broadcast(NOTE, "not d", toD.id())).isEqualTo(1);
        assertThat(nodes.node("10.0.0.5", true).broadcast(NOTE, "nobody")).as("a node without peers").isZero();
        assertThat(c.peers()).hasSize(1);
        assertThat(d.peers()).hasSize(1);
    }

    @Test
    void queriesAnswerWithFuturesCompletedByTheNodeThread() {
        P2pNode a = nodes.node("10.0.0.1", true);
        nodes.node("10.0.0.3", true);
        nodes.await(a.connect(VirtualNodes.mem("10.0.0.3")));
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
        P2pNode a = nodes.node("10.0.0.1", true);
        List<PeerEvent.HandshakeFailed> failed = new ArrayList<>();
        a.onPeerEvent(e -> {
            if (e instanceof PeerEvent.HandshakeFailed f) {
                failed.add(f);
            }
        });
        CompletableFuture<PeerSnapshot> toSelf = a.connect(VirtualNodes.mem("10.0.0.1"));
        time.advance(Duration.ofSeconds(5));
        assertThat(toSelf).isCompletedExceptionally();
        assertThat(failed).isNotEmpty().allSatisfy(f -> assertThat(f.address().host()).isEqualTo("10.0.0.1"));
    }
}
