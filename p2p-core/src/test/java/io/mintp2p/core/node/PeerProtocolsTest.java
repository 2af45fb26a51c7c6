package io.mintp2p.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mintp2p.core.session.RemoteHello;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.wire.AppMessage;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.MessageRegistry;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ScaleCodec;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.ServiceFlags;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** A link's protocol state costs nothing until it is used, and keeps its meaning (routable, closed) meanwhile. */
class PeerProtocolsTest {
    static final ServiceFlags BIT = ServiceFlags.application(22);
    static final ScaleCodec<String> TEXT = ScaleCodec.of((s, w) -> w.string(s), r -> r.string(100));
    static final RequestType<String, String> ECHO = RequestType.correlated("echo", 92, 93, BIT, TEXT, TEXT);
    static final Protocol PROTOCOL = Protocol.builder("lazy", 1, BIT).requests(ECHO).build();
    static final RemoteHello OFFERING = new RemoteHello(3, 3, 1L << 22, "peer", new SemVer(1, 0, 0), Optional.empty());

    private final MessageRegistry registry = MessageRegistry.builder().registerAll(PROTOCOL.wireTypes()).build();
    private final NodeParts parts = new NodeParts(registry);
    private final OutboundSender sender = new OutboundSender(parts.links, new MessageCodec(registry), parts.stats,
            parts.time);
    private final ProtocolRuntime runtime = new ProtocolRuntime(ProtocolSet.of(List.of(PROTOCOL)), parts.links, sender,
            parts.time, parts.run);

    private Link acceptedLink(String ip) {
        Link link = parts.link(ip, Direction.INBOUND, Optional.empty());
        new HandshakeVerdicts(parts.links, parts.peerManager, parts.admission, parts.stats, parts.eventLog,
                parts.events, parts.manualDials, parts.time, NodeParts.SERVING_TIME, runtime)
                .handshakeCompleted(link, OFFERING);
        return link;
    }

    @Test
    void aLinkIsRoutableOnceAcceptedAndMakesItsStateOnceOnFirstUse() {
        Link link = parts.link("192.0.2.1", Direction.INBOUND, Optional.empty());
        assertThat(PeerProtocols.routable(link)).isFalse();
        assertThat(PeerProtocols.of(link, 1)).isNull();
        assertThat(PeerProtocols.closing(link)).isNull();

        assertThat(PeerProtocols.accept(link, 1, false)).isNull();
        assertThat(PeerProtocols.routable(link)).isTrue();
        assertThat(PeerProtocols.ifUsed(link)).isNull();
        PeerProtocols made = PeerProtocols.of(link, 1);
        assertThat(made).isNotNull();
        assertThat(made.closed).isFalse();
        assertThat(PeerProtocols.of(link, 1)).isSameAs(made);
        assertThat(PeerProtocols.ifUsed(link)).isSameAs(made);
        assertThat(PeerProtocols.closing(link)).isSameAs(made);

        Link hooked = parts.link("192.0.2.2", Direction.INBOUND, Optional.empty());
        PeerProtocols eager = PeerProtocols.accept(hooked, 1, true);
        assertThat(eager).isNotNull();
        assertThat(PeerProtocols.ifUsed(hooked)).isSameAs(eager);
    }

    @Test
    void aStateMadeAfterItsUnusedLinkClosedIsMadeClosed() {
        Link link = parts.link("192.0.2.3", Direction.INBOUND, Optional.empty());
        PeerProtocols.accept(link, 1, false);
        assertThat(PeerProtocols.closing(link)).isNull();
        assertThat(PeerProtocols.routable(link)).isTrue();
        assertThat(PeerProtocols.ifUsed(link)).isNull();
        PeerProtocols late = PeerProtocols.of(link, 1);
        assertThat(late.closed).isTrue();
        assertThat(PeerProtocols.closing(link)).isSameAs(late);
    }

    @Test
    void anIdlePeerHasNoStateUntilARequestAndOneAskedAfterItClosedFailsDisconnected() {
        Link link = acceptedLink("192.0.2.4");
        assertThat(PeerProtocols.routable(link)).isTrue();
        assertThat(PeerProtocols.ifUsed(link)).isNull();

        CompletableFuture<String> first = runtime.request(link.id, ECHO, "q", Duration.ofSeconds(5));
        assertThat(first).isNotDone();
        assertThat(PeerProtocols.ifUsed(link).pendingCount()).isEqualTo(1);

        Link idle = acceptedLink("192.0.2.5");
        // Closed while unused, still in the table (as when a request races the close): the request fails at once.
        runtime.closed(idle, CloseReason.of(DisconnectReason.MANUAL));
        CompletableFuture<String> late = runtime.request(idle.id, ECHO, "q", Duration.ofSeconds(5));
        assertThatThrownBy(late::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(RequestFailedException.class,
                        e -> assertThat(e.failure()).isEqualTo(RequestFailure.DISCONNECTED));
        assertThat(((FakeConnection) idle.connection).calls).doesNotContain("send");
    }

    @Test
    void anUnsolicitedResponseIsScoredWithoutMakingState() {
        Link link = acceptedLink("192.0.2.6");
        link.acquire(10);
        boolean taken = runtime.intercept(link, new AppMessage<>(castWire(ECHO.responseWire()), new Tagged<>(7, "a")), 10,
                false, false);
        assertThat(taken).isTrue();
        assertThat(PeerProtocols.ifUsed(link)).isNull();
        assertThat(parts.peerManager.heard).anyMatch(h -> h.startsWith("misbehaved " + link.id + " ")
                && h.endsWith(" " + PROTOCOL.responsePolicy().unexpectedResponseScore()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MessageType<Object> castWire(MessageType<?> type) {
        return (MessageType) type;
    }
}
