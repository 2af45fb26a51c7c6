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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The runtime over the node's parts, no transport and no thread: the handler pool is the virtual
 * scheduler, so what waits for the pool is visible as not done until the test runs it.
 */
class ProtocolRuntimeTest {
    static final ServiceFlags BIT = ServiceFlags.application(20);
    static final ScaleCodec<String> TEXT = ScaleCodec.of((s, w) -> w.string(s), r -> r.string(100));
    static final RequestType<String, String> ECHO = RequestType.correlated("echo", 80, 81, BIT, TEXT, TEXT);
    static final MessageType<String> CHAT = MessageType.of(86, "chat", BIT, TEXT);
    static final Protocol PROTOCOL = Protocol.builder("demo", 1, BIT).messages(CHAT).requests(ECHO).build();
    static final RemoteHello OFFERING = new RemoteHello(3, 3, 1L << 20, "peer", new SemVer(1, 0, 0), Optional.empty());

    private final MessageRegistry registry = MessageRegistry.builder().registerAll(PROTOCOL.wireTypes()).build();
    private final NodeParts parts = new NodeParts(registry);
    private final MessageCodec codec = new MessageCodec(registry);
    private final OutboundSender sender = new OutboundSender(parts.links, codec, parts.stats, parts.time);

    private HandshakeVerdicts verdicts(ProtocolRuntime runtime) {
        return new HandshakeVerdicts(parts.links, parts.peerManager, parts.admission, parts.stats, parts.eventLog,
                parts.events, parts.manualDials, parts.time, NodeParts.SERVING_TIME, runtime);
    }

    @Test
    void aResponseCompletesItsRequestOnTheDecodingThreadWithoutThePeersHandlerQueue() {
        ProtocolRuntime runtime = new ProtocolRuntime(ProtocolSet.of(List.of(PROTOCOL)), parts.links, sender,
                parts.time, parts.run);
        HandlerDispatch dispatch = new HandlerDispatch(parts.eventLog, runtime);
        List<String> handled = new ArrayList<>();
        dispatch.subscribe(CHAT, (from, m) -> handled.add(m));
        Link link = parts.link("192.0.2.1", Direction.INBOUND, Optional.empty());
        verdicts(runtime).handshakeCompleted(link, OFFERING);
        // A message of the peer waits in its handler queue (the pool has not run): a handler busy with it
        // is what would wait on the response.
        link.acquire(10);
        dispatch.deliver(link, CHAT.message("first"), 10, false);

        CompletableFuture<String> answer = runtime.request(link.id, ECHO, "q", Duration.ofSeconds(5));
        assertThat(((FakeConnection) link.connection).calls).contains("send");
        link.acquire(10);
        dispatch.deliver(link, new AppMessage<>(castWire(ECHO.responseWire()), new Tagged<>(0, "a")), 10, false);

        assertThat(answer).isCompletedWithValue("a");
        assertThat(handled).isEmpty(); // the peer's handler queue has not moved: the answer did not wait in it
        parts.time.runUntilIdle();
        assertThat(handled).containsExactly("first");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MessageType<Object> castWire(MessageType<?> type) {
        return (MessageType) type;
    }

    @Test
    void onConnectedIsQueuedBeforeTheFirstMessageAndOnDisconnectedAfterTheLast() {
        ProtocolRuntime runtime = new ProtocolRuntime(ProtocolSet.of(List.of(PROTOCOL)), parts.links, sender,
                parts.time, new RunState());
        List<String> order = new ArrayList<>();
        ProtocolPeers<String> peers = runtime.attach(PROTOCOL, new ProtocolHooks<String>() {
            @Override
            public String onConnected(PeerSnapshot peer) {
                order.add("connected");
                return "state of " + peer.id();
            }

            @Override
            public void onDisconnected(PeerSnapshot peer, String state, io.mintp2p.core.transport.CloseReason reason) {
                order.add("disconnected " + state);
            }
        });
        HandlerDispatch dispatch = new HandlerDispatch(parts.eventLog, runtime);
        dispatch.subscribe(CHAT, (from, m) -> order.add(m));
        Link link = parts.link("192.0.2.1", Direction.INBOUND, Optional.empty());
        verdicts(runtime).handshakeCompleted(link, OFFERING);
        // Right after the verdict the transport thread may hand the peer's messages over directly.
        assertThat(link.takesDirect()).isTrue();
        link.acquire(10);
        dispatch.deliver(link, CHAT.message("m1"), 10, false);
        parts.time.runUntilIdle();
        assertThat(peers.state(link.id)).contains("state of " + link.id);

        link.acquire(10);
        dispatch.deliver(link, CHAT.message("m2"), 10, false);
        runtime.closed(link, io.mintp2p.core.transport.CloseReason.of(io.mintp2p.core.transport.DisconnectReason.MANUAL));
        parts.time.runUntilIdle();
        assertThat(order).containsExactly("connected", "m1", "m2", "disconnected state of " + link.id);
    }
}
