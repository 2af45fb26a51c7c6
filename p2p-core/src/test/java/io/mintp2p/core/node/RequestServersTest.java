package io.mintp2p.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.session.RemoteHello;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.wire.AppMessage;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.MessageRegistry;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ScaleCodec;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.ServiceFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The serving side alone, over the node's parts on virtual time (the handler pool runs only when the
 * test runs it): a peer's requests waiting on our server are bounded, and the bound frees up as the
 * server answers or fails.
 */
class RequestServersTest {
    static final ServiceFlags BIT = ServiceFlags.application(21);
    static final ScaleCodec<String> TEXT = ScaleCodec.of((s, w) -> w.string(s), r -> r.string(100));
    static final RequestType<String, String> ECHO = RequestType.correlated("echo", 90, 91, BIT, TEXT, TEXT);
    static final Protocol PROTOCOL = Protocol.builder("bounded", 1, BIT).requests(ECHO).maxServedInFlight(2).build();
    static final RemoteHello OFFERING = new RemoteHello(3, 3, 1L << 21, "peer", new SemVer(1, 0, 0), Optional.empty());

    private final MessageRegistry registry = MessageRegistry.builder().registerAll(PROTOCOL.wireTypes()).build();
    private final NodeParts parts = new NodeParts(registry);
    private final OutboundSender sender = new OutboundSender(parts.links, new MessageCodec(registry), parts.stats,
            parts.time);
    private final ProtocolSet set = ProtocolSet.of(List.of(PROTOCOL));
    private final RequestServers servers = new RequestServers(set, parts.links, sender);
    private final List<String> asked = new ArrayList<>();
    private final List<CompletableFuture<String>> answers = new ArrayList<>();
    private final Link link = parts.link("192.0.2.7", Direction.INBOUND, Optional.empty());

    RequestServersTest() {
        parts.verdicts.handshakeCompleted(link, OFFERING);
        PeerProtocols.accept(link, set.size(), false);
        servers.serve(ECHO, (from, request) -> {
            asked.add(request);
            if (request.startsWith("throw")) {
                throw new IllegalStateException("server bug");
            }
            CompletableFuture<String> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        });
    }

    private boolean receive(long id, String body) {
        link.acquire(10);
        return servers.served(link, set.roleOf(ECHO.requestWire()), new AppMessage<>(castWire(ECHO.requestWire()),
                new Tagged<>(id, body)), 10, false, false);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MessageType<Object> castWire(MessageType<?> type) {
        return (MessageType) type;
    }

    private long misbehaviours() {
        return parts.peerManager.heard.stream().filter(h -> h.startsWith("misbehaved")).count();
    }

    @Test
    void aRequestOverTheServedBoundIsDroppedAndScoredUntilAnAnswerFreesASlot() {
        assertThat(receive(1, "q1")).isTrue();
        assertThat(receive(2, "q2")).isTrue();
        // Queued, not yet run: both count against the bound already.
        assertThat(receive(3, "q3")).isTrue();
        parts.time.runUntilIdle();
        assertThat(asked).containsExactly("q1", "q2");
        assertThat(misbehaviours()).isEqualTo(1);
        assertThat(PeerProtocols.ifUsed(link).served.get(0)).isEqualTo(2);

        int sendsBefore = sends();
        answers.get(0).complete("a1");
        assertThat(sends()).isEqualTo(sendsBefore + 1);
        assertThat(receive(4, "q4")).isTrue();
        parts.time.runUntilIdle();
        assertThat(asked).containsExactly("q1", "q2", "q4");
        assertThat(misbehaviours()).isEqualTo(1);
        assertThat(receive(5, "q5")).isTrue();
        assertThat(misbehaviours()).isEqualTo(2);
    }

    @Test
    void aServerThatThrowsOrFailsGivesItsSlotBack() {
        receive(1, "throw 1");
        receive(2, "q2");
        parts.time.runUntilIdle();
        answers.get(0).completeExceptionally(new IllegalStateException("no answer"));
        assertThat(PeerProtocols.ifUsed(link).served.get(0)).isZero();
        receive(3, "q3");
        receive(4, "q4");
        parts.time.runUntilIdle();
        assertThat(asked).containsExactly("throw 1", "q2", "q3", "q4");
        assertThat(misbehaviours()).isZero();
    }

    @Test
    void aPeerWhoseRequestsNobodyServesCostsNoState() {
        RequestServers none = new RequestServers(set, parts.links, sender);
        link.acquire(10);
        assertThat(none.served(link, set.roleOf(ECHO.requestWire()), new AppMessage<>(castWire(ECHO.requestWire()),
                new Tagged<>(1, "q")), 10, false, false)).isTrue();
        assertThat(PeerProtocols.ifUsed(link)).isNull();
    }

    private int sends() {
        return (int) ((FakeConnection) link.connection).calls.stream().filter("send"::equals).count();
    }
}
