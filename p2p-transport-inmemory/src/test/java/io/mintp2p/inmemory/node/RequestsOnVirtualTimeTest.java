package io.mintp2p.inmemory.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.node.Protocol;
import io.mintp2p.core.node.ProtocolHooks;
import io.mintp2p.core.node.ProtocolPeers;
import io.mintp2p.core.node.RequestFailedException;
import io.mintp2p.core.node.RequestFailure;
import io.mintp2p.core.node.RequestHandler;
import io.mintp2p.core.node.RequestType;
import io.mintp2p.core.node.ResponsePolicy;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ScaleCodec;
import io.mintp2p.core.wire.ServiceFlags;
import io.mintp2p.core.time.VirtualTimeScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Requests and responses between whole nodes on virtual time: correlation, bounds, timeouts,
 * disconnects, stop, hostile responders and requesters, the ordered mode and the per-peer hooks.
 */
class RequestsOnVirtualTimeTest {
    static final ServiceFlags BIT = ServiceFlags.application(20);
    static final ScaleCodec<String> TEXT = ScaleCodec.of((s, w) -> w.string(s), r -> r.string(100));
    static final ScaleCodec<Long> NUMBER = ScaleCodec.of((n, w) -> w.u64(n), r -> r.u64());
    static final RequestType<String, String> ECHO = RequestType.correlated("echo", 80, 81, BIT, TEXT, TEXT);
    static final RequestType<String, Long> LENGTH = RequestType.correlated("length", 82, 83, BIT, TEXT, NUMBER);
    static final MessageType<String> ASK = MessageType.of(84, "ask", BIT, TEXT);
    static final MessageType<String> TELL = MessageType.of(85, "tell", BIT, TEXT);
    static final RequestType<String, String> ORDERED = RequestType.ordered(ASK, TELL);
    static final MessageType<String> CHAT = MessageType.of(86, "chat", BIT, TEXT);
    static final Protocol PROTOCOL = Protocol.builder("demo", 1, BIT).messages(CHAT).requests(ECHO, LENGTH, ORDERED)
            .maxRequestsInFlight(3, 5).maxServedInFlight(4).build();
    /** A hostile node's view of the same indices: plain message types it sends and reads at will. */
    static final ScaleCodec<Object[]> TAGGED_TEXT = ScaleCodec.of(
            (v, w) -> w.u32((Long) v[0]).string((String) v[1]), r -> new Object[] {r.u32(), r.string(100)});
    static final MessageType<Object[]> RAW_ECHO_REQUEST = MessageType.of(80, "raw.echo.request", BIT, TAGGED_TEXT);
    static final MessageType<Object[]> RAW_ECHO_RESPONSE = MessageType.of(81, "raw.echo.response", BIT, TAGGED_TEXT);
    static final MessageType<Object[]> RAW_LENGTH_RESPONSE = MessageType.of(83, "raw.length.response", BIT,
            ScaleCodec.of((v, w) -> w.u32((Long) v[0]).u64((Long) v[1]), r -> new Object[] {r.u32(), r.u64()}));
    static final MessageType<String> RAW_TELL = MessageType.of(85, "raw.tell", BIT, TEXT);

    private final VirtualNodes nodes = new VirtualNodes();
    private final VirtualTimeScheduler time = nodes.time;
    private final Duration timeout = Duration.ofSeconds(2);

    private P2pNode node(String ip, Protocol protocol, java.util.function.Consumer<P2pNode> beforeStart) {
        return nodes.node(ip, core -> core.withProtocols(protocol), beforeStart);
    }

    private P2pNode node(String ip) {
        return node(ip, PROTOCOL, n -> { });
    }

    private static RequestFailure failureOf(CompletableFuture<?> f) {
        assertThat(f).isCompletedExceptionally();
        Throwable seen = f.handle((v, e) -> e).join();
        assertThat(seen).isInstanceOf(CompletionException.class).hasCauseInstanceOf(RequestFailedException.class);
        assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RequestFailedException.class);
        return ((RequestFailedException) seen.getCause()).failure();
    }

    private List<PeerEvent.Misbehaved> misbehaviour(P2pNode node) {
        List<PeerEvent.Misbehaved> seen = new ArrayList<>();
        node.onPeerEvent(e -> {
            if (e instanceof PeerEvent.Misbehaved m) {
                seen.add(m);
            }
        });
        return seen;
    }

    @Test
    void requestsAreAnsweredByIdInAnyOrder() {
        List<CompletableFuture<String>> answers = new ArrayList<>();
        P2pNode server = node("10.0.0.2", PROTOCOL, n -> n.serve(ECHO, (from, q) -> {
            CompletableFuture<String> later = new CompletableFuture<>();
            answers.add(later);
            return later.thenApply(x -> q + "!");
        }));
        server.serve(LENGTH, RequestHandler.answering((from, q) -> (long) q.length()));
        P2pNode client = node("10.0.0.1");
        PeerSnapshot peer = nodes.await(client.connect(VirtualNodes.mem("10.0.0.2")));

        CompletableFuture<String> first = client.request(peer.id(), ECHO, "one", timeout);
        CompletableFuture<String> second = client.request(peer.id(), ECHO, "two", timeout);
        CompletableFuture<Long> length = client.request(peer.id(), LENGTH, "three", timeout);
        time.advance(Duration.ofMillis(100));
        assertThat(answers).hasSize(2);
        assertThat(length).isCompletedWithValue(5L);
        answers.get(1).complete(null);
        time.advance(Duration.ofMillis(100));
        assertThat(second).isCompletedWithValue("two!");
        assertThat(first).isNotDone();
        answers.get(0).complete(null);
        time.advance(Duration.ofMillis(100));
        assertThat(first).isCompletedWithValue("one!");
    }

    @Test
    void immediateRefusalsAreTyped() {
        P2pNode client = node("10.0.0.1");
        P2pNode plain = nodes.node("10.0.0.3", false);
        node("10.0.0.2", PROTOCOL, n -> n.serve(ECHO, (from, q) -> new CompletableFuture<>()));
        PeerSnapshot toPlain = nodes.await(client.connect(VirtualNodes.mem("10.0.0.3")));
        PeerSnapshot peer = nodes.await(client.connect(VirtualNodes.mem("10.0.0.2")));

        assertThat(failureOf(client.request(new io.mintp2p.core.peers.PeerId(999), ECHO, "x", timeout)))
                .isEqualTo(RequestFailure.NOT_CONNECTED);
        assertThat(failureOf(client.request(toPlain.id(), ECHO, "x", timeout))).isEqualTo(RequestFailure.SERVICE_NOT_OFFERED);
        RequestType<String, String> unregistered = RequestType.correlated("other", 90, 91, BIT, TEXT, TEXT);
        assertThatThrownBy(() -> client.request(peer.id(), unregistered, "x", timeout))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.request(peer.id(), ECHO, "x", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        CompletableFuture<String> tooLarge = client.request(peer.id(), ECHO, "x".repeat(11 << 20), timeout);
        assertThat(failureOf(tooLarge)).isEqualTo(RequestFailure.SEND_REFUSED);
        assertThat(plain.peers()).hasSize(1);
    }

    @Test
    void inFlightIsBoundedPerPeerAndPerNodeAndFreedByAnswers() {
        List<CompletableFuture<String>> held = new ArrayList<>();
        java.util.function.Consumer<P2pNode> holding = n -> n.serve(ECHO, (from, q) -> {
            CompletableFuture<String> f = new CompletableFuture<>();
            held.add(f);
            return f;
        });
        node("10.0.0.2", PROTOCOL, holding);
        node("10.0.0.3", PROTOCOL, holding);
        P2pNode client = node("10.0.0.1");
        PeerSnapshot b = nodes.await(client.connect(VirtualNodes.mem("10.0.0.2")));
        PeerSnapshot c = nodes.await(client.connect(VirtualNodes.mem("10.0.0.3")));

        List<CompletableFuture<String>> toB = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            toB.add(client.request(b.id(), ECHO, "b" + i, timeout));
        }
        assertThat(failureOf(client.request(b.id(), ECHO, "b3", timeout))).isEqualTo(RequestFailure.TOO_MANY_IN_FLIGHT);
        client.request(c.id(), ECHO, "c0", timeout);
        client.request(c.id(), ECHO, "c1", timeout);
        assertThat(failureOf(client.request(c.id(), ECHO, "c2", timeout))).isEqualTo(RequestFailure.TOO_MANY_IN_FLIGHT);

        time.advance(Duration.ofMillis(100));
        held.get(0).complete("answer");
        time.advance(Duration.ofMillis(100));
        assertThat(toB.get(0)).isCompletedWithValue("answer");
        assertThat(client.request(c.id(), ECHO, "c2", timeout)).isNotDone();
    }

    @Test
    void aSilentResponderTimesOutIsScoredAndItsLateAnswerIsUnexpected() {
        List<CompletableFuture<String>> held = new ArrayList<>();
        node("10.0.0.2", PROTOCOL, n -> n.serve(ECHO, (from, q) -> {
            CompletableFuture<String> f = new CompletableFuture<>();
            held.add(f);
            return f;
        }));
        P2pNode client = node("10.0.0.1");
        List<PeerEvent.Misbehaved> scored = misbehaviour(client);
        PeerSnapshot peer = nodes.await(client.connect(VirtualNodes.mem("10.0.0.2")));

        CompletableFuture<String> answer = client.request(peer.id(), ECHO, "x", timeout);
        time.advance(timeout.minusMillis(1));
        assertThat(answer).isNotDone();
        time.advance(Duration.ofMillis(1));
        assertThat(failureOf(answer)).isEqualTo(RequestFailure.TIMEOUT);
        assertThat(scored).extracting(m -> m.reason().code(), PeerEvent.Misbehaved::score)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DisconnectReason.RESPONSE_TIMEOUT, 10));

        held.get(0).complete("late");
        time.advance(Duration.ofMillis(100));
        assertThat(scored).extracting(m -> m.reason().code())
                .containsExactly(DisconnectReason.RESPONSE_TIMEOUT, DisconnectReason.UNEXPECTED_RESPONSE);
        assertThat(client.peers()).hasSize(1);
    }

    @Test
    void aPolicyMayDisconnectOnTimeout() {
        Protocol strict = Protocol.builder("demo", 1, BIT).messages(CHAT).requests(ECHO, LENGTH, ORDERED)
                .responsePolicy(new ResponsePolicy(0, 20, true)).build();
        node("10.0.0.2", strict, n -> n.serve(ECHO, (from, q) -> new CompletableFuture<>()));
        P2pNode client = node("10.0.0.1", strict, n -> { });
        List<PeerEvent.Misbehaved> scored = misbehaviour(client);
        PeerSnapshot peer = nodes.await(client.connect(VirtualNodes.mem("10.0.0.2")));

        CompletableFuture<String> answer = client.request(peer.id(), ECHO, "x", timeout);
        time.advance(timeout.plusMillis(100));
        assertThat(failureOf(answer)).isEqualTo(RequestFailure.TIMEOUT);
        assertThat(client.peers()).isEmpty();
        assertThat(scored).isEmpty();
    }

    @Test
    void disconnectAndStopFailWhatIsInFlight() {
        P2pNode server = node("10.0.0.2", PROTOCOL, n -> n.serve(ECHO, (from, q) -> new CompletableFuture<>()));
        node("10.0.0.3", PROTOCOL, n -> n.serve(ECHO, (from, q) -> new CompletableFuture<>()));
        P2pNode client = node("10.0.0.1");
        PeerSnapshot b = nodes.await(client.connect(VirtualNodes.mem("10.0.0.2")));
        PeerSnapshot c = nodes.await(client.connect(VirtualNodes.mem("10.0.0.3")));
        CompletableFuture<String> toB = client.request(b.id(), ECHO, "x", Duration.ofMinutes(1));
        CompletableFuture<String> toC = client.request(c.id(), ECHO, "x", Duration.ofMinutes(1));

        server.stop();
        time.advance(Duration.ofSeconds(1));
        assertThat(failureOf(toB)).isEqualTo(RequestFailure.DISCONNECTED);
        assertThat(toC).isNotDone();

        client.stop();
        time.advance(Duration.ofSeconds(10));
        assertThat(failureOf(toC)).isEqualTo(RequestFailure.NODE_STOPPED);
        assertThat(failureOf(client.request(c.id(), ECHO, "x", timeout))).isEqualTo(RequestFailure.NODE_STOPPED);
    }

    @Test
    void aPeerOverTheServedBoundIsScoredAndItsExtraRequestsDropped() {
        Protocol eager = Protocol.builder("demo", 1, BIT).messages(CHAT).requests(ECHO, LENGTH, ORDERED)
                .maxRequestsInFlight(10, 10).build();
        List<String> served = new ArrayList<>();
        P2pNode server = node("10.0.0.2", PROTOCOL, n -> n.serve(ECHO, (from, q) -> {
            served.add(q);
            return new CompletableFuture<>();
        }));
        List<PeerEvent.Misbehaved> scored = misbehaviour(server);
        P2pNode client = node("10.0.0.1", eager, n -> { });
        PeerSnapshot peer = nodes.await(client.connect(VirtualNodes.mem("10.0.0.2")));

        for (int i = 0; i < 7; i++) {
            client.request(peer.id(), ECHO, "r" + i, timeout);
        }
        time.advance(Duration.ofMillis(100));
        assertThat(served).containsExactly("r0", "r1", "r2", "r3");
        assertThat(scored).hasSize(3).allMatch(m -> m.reason().code() == DisconnectReason.TOO_MANY_REQUESTS
                && m.score() == 20);
    }

    @Test
    void unsolicitedAndMismatchedResponsesAreMisbehaviour() {
        List<Object[]> seenRequests = new ArrayList<>();
        P2pNode hostile = nodes.node("10.0.0.2", core -> core.withMessageTypes(RAW_ECHO_REQUEST, RAW_ECHO_RESPONSE,
                RAW_LENGTH_RESPONSE, RAW_TELL), n -> { });
        hostile.subscribe(RAW_ECHO_REQUEST, (from, m) -> seenRequests.add(m));
        P2pNode victim = node("10.0.0.1");
        List<PeerEvent.Misbehaved> scored = misbehaviour(victim);
        PeerSnapshot peer = nodes.await(victim.connect(VirtualNodes.mem("10.0.0.2")));
        PeerSnapshot fromHostile = hostile.peers().get(0);

        hostile.send(fromHostile.id(), RAW_ECHO_RESPONSE, new Object[] {77L, "unsolicited"});
        hostile.send(fromHostile.id(), RAW_TELL, "unsolicited, and nobody subscribes");
        time.advance(Duration.ofMillis(100));
        assertThat(scored).extracting(m -> m.reason().code())
                .containsExactly(DisconnectReason.UNEXPECTED_RESPONSE, DisconnectReason.UNEXPECTED_RESPONSE);

        CompletableFuture<String> echo = victim.request(peer.id(), ECHO, "x", timeout);
        time.advance(Duration.ofMillis(100));
        long id = (Long) seenRequests.get(0)[0];
        hostile.send(fromHostile.id(), RAW_ECHO_RESPONSE, new Object[] {id + 1, "wrong id"});
        hostile.send(fromHostile.id(), RAW_LENGTH_RESPONSE, new Object[] {id, 5L});
        time.advance(Duration.ofMillis(100));
        assertThat(echo).isNotDone();
        assertThat(scored).hasSize(4).allMatch(m -> m.reason().code() == DisconnectReason.UNEXPECTED_RESPONSE);
        hostile.send(fromHostile.id(), RAW_ECHO_RESPONSE, new Object[] {id, "right"});
        time.advance(Duration.ofMillis(100));
        assertThat(echo).isCompletedWithValue("right");
    }

    @Test
    void orderedRequestsAreMatchedByTypeOneAtATime() {
        List<String> announcements = new ArrayList<>();
        P2pNode server = node("10.0.0.2", PROTOCOL, n -> n.serve(ORDERED, RequestHandler.answering((from, q) -> q + "?")));
        P2pNode client = node("10.0.0.1");
        client.subscribe(TELL, (from, m) -> announcements.add(m));
        PeerSnapshot peer = nodes.await(client.connect(VirtualNodes.mem("10.0.0.2")));

        CompletableFuture<String> first = client.request(peer.id(), ORDERED, "a", timeout);
        assertThat(failureOf(client.request(peer.id(), ORDERED, "b", timeout))).isEqualTo(RequestFailure.ALREADY_IN_FLIGHT);
        time.advance(Duration.ofMillis(100));
        assertThat(first).isCompletedWithValue("a?");
        assertThat(announcements).isEmpty();

        server.send(server.peers().get(0).id(), TELL, "news");
        time.advance(Duration.ofMillis(100));
        assertThat(announcements).containsExactly("news");
        assertThat(client.request(peer.id(), ORDERED, "c", timeout)).isNotDone();
    }

    @Test
    void hooksFrameEachPeersMessagesInItsHandlerOrderAndHoldItsState() {
        List<String> order = new ArrayList<>();
        ProtocolHooks<StringBuilder> hooks = new ProtocolHooks<>() {
            @Override
            public StringBuilder onConnected(PeerSnapshot peer) {
                order.add("connected");
                return new StringBuilder("state");
            }

            @Override
            public void onDisconnected(PeerSnapshot peer, StringBuilder state, CloseReason reason) {
                order.add("disconnected " + state);
            }
        };
        List<ProtocolPeers<StringBuilder>> view = new ArrayList<>();
        P2pNode server = node("10.0.0.2", PROTOCOL, n -> {
            view.add(n.attach(PROTOCOL, hooks));
            n.subscribe(CHAT, (from, m) -> order.add(m));
        });
        assertThatThrownBy(() -> server.attach(PROTOCOL, hooks)).isInstanceOf(IllegalStateException.class);
        P2pNode client = node("10.0.0.1");
        P2pNode plain = nodes.node("10.0.0.3", false);
        PeerSnapshot peer = nodes.await(client.connect(VirtualNodes.mem("10.0.0.2")));
        nodes.await(plain.connect(VirtualNodes.mem("10.0.0.2")));
        client.send(peer.id(), CHAT, "m1");
        client.send(peer.id(), CHAT, "m2");
        time.advance(Duration.ofMillis(100));

        assertThat(server.peers()).hasSize(2);
        assertThat(view.get(0).peers()).hasSize(1);
        PeerSnapshot clientSeen = view.get(0).peers().get(0);
        assertThat(view.get(0).state(clientSeen.id())).map(StringBuilder::toString).contains("state");

        client.stop();
        time.advance(Duration.ofSeconds(10));
        assertThat(order).containsExactly("connected", "m1", "m2", "disconnected state");
        assertThat(view.get(0).state(clientSeen.id())).isEmpty();
    }

    @Test
    void registrationMistakesAreRefused() {
        P2pNode node = node("10.0.0.1", PROTOCOL, n -> n.serve(ECHO, RequestHandler.answering((f, q) -> q)));
        assertThatThrownBy(() -> node.serve(ECHO, RequestHandler.answering((f, q) -> q)))
                .isInstanceOf(IllegalArgumentException.class);
        Protocol other = Protocol.builder("other", 1, ServiceFlags.application(21)).build();
        assertThatThrownBy(() -> node.attach(other, p -> null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Protocol.builder("bad", 1, BIT).messages(VirtualNodes.NOTE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whateverEndsARequestGivesItsSlotBack() {
        Protocol single = Protocol.builder("demo", 1, BIT).messages(CHAT).requests(ECHO, LENGTH, ORDERED)
                .maxRequestsInFlight(1, 1).build();
        List<CompletableFuture<String>> held = new ArrayList<>();
        java.util.function.Consumer<P2pNode> holding = n -> n.serve(ECHO, (from, q) -> {
            CompletableFuture<String> f = new CompletableFuture<>();
            held.add(f);
            return f;
        });
        P2pNode b = node("10.0.0.2", single, holding);
        node("10.0.0.3", single, holding);
        P2pNode client = node("10.0.0.1", single, n -> { });
        PeerSnapshot toB = nodes.await(client.connect(VirtualNodes.mem("10.0.0.2")));
        PeerSnapshot toC = nodes.await(client.connect(VirtualNodes.mem("10.0.0.3")));

        CompletableFuture<String> timedOut = client.request(toB.id(), ECHO, "1", timeout);
        assertThat(failureOf(client.request(toC.id(), ECHO, "x", timeout))).isEqualTo(RequestFailure.TOO_MANY_IN_FLIGHT);
        time.advance(timeout);
        assertThat(failureOf(timedOut)).isEqualTo(RequestFailure.TIMEOUT);

        CompletableFuture<String> answered = client.request(toC.id(), ECHO, "2", timeout);
        time.advance(Duration.ofMillis(100));
        held.get(held.size() - 1).complete("answer");
        time.advance(Duration.ofMillis(100));
        assertThat(answered).isCompletedWithValue("answer");

        CompletableFuture<String> dropped = client.request(toB.id(), ECHO, "3", Duration.ofMinutes(1));
        b.stop();
        time.advance(Duration.ofSeconds(1));
        assertThat(failureOf(dropped)).isEqualTo(RequestFailure.DISCONNECTED);
        assertThat(client.request(toC.id(), ECHO, "4", timeout)).isNotDone();
    }
}
