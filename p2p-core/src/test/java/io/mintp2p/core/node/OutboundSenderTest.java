package io.mintp2p.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.session.RemoteHello;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.SendFailure;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.MessageRegistry;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.ServiceFlags;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Every way a send can be refused maps to one {@link SendResult}, for trySend and the send future alike. */
class OutboundSenderTest {
    private static final MessageType<String> NOTE = MessageType.of(64, "note", ServiceFlags.application(16),
            (s, w) -> w.string(s), r -> r.string(100));
    private static final MessageType<String> OTHER = MessageType.of(65, "other", ServiceFlags.application(17),
            (s, w) -> w.string(s), r -> r.string(100));

    private static final MessageRegistry TYPES = MessageRegistry.builder().register(NOTE).register(OTHER).build();

    private final NodeParts node = new NodeParts(TYPES);
    private final OutboundSender sender = new OutboundSender(node.links, new MessageCodec(TYPES), node.stats, node.time);
    private final Link peer = node.link("192.0.2.1", Direction.INBOUND, Optional.empty());
    private final FakeConnection connection = (FakeConnection) peer.connection;

    OutboundSenderTest() {
        node.verdicts.handshakeCompleted(peer, new RemoteHello(3, 3, 1L << 16, "peer", new SemVer(1, 0, 0), Optional.empty()));
        connection.calls.clear();
    }

    private static SendResult outcomeOf(CompletableFuture<Void> sent) {
        Throwable e = sent.handle((v, error) -> error).join();
        return e == null ? SendResult.QUEUED : ((SendRefusedException) e.getCause()).outcome();
    }

    @Test
    void aPeerThatOffersTheServiceGetsTheMessage() {
        assertThat(sender.trySend(peer.id, NOTE, "hi")).isEqualTo(SendResult.QUEUED);
        assertThat(outcomeOf(sender.send(peer.id, NOTE, "hi"))).isEqualTo(SendResult.QUEUED);
        assertThat(connection.calls).containsExactly("send", "send");
    }

    @Test
    void eachRefusalHasItsOutcome() {
        PeerId gone = new PeerId(999);
        assertThat(sender.trySend(gone, NOTE, "hi")).isEqualTo(SendResult.NOT_CONNECTED);
        assertThat(outcomeOf(sender.send(gone, NOTE, "hi"))).isEqualTo(SendResult.NOT_CONNECTED);

        assertThat(sender.trySend(peer.id, OTHER, "hi")).isEqualTo(SendResult.SERVICE_NOT_OFFERED);
        assertThat(outcomeOf(sender.send(peer.id, OTHER, "hi"))).isEqualTo(SendResult.SERVICE_NOT_OFFERED);

        connection.writable = false;
        assertThat(sender.trySend(peer.id, NOTE, "hi")).isEqualTo(SendResult.QUEUE_FULL);
        assertThat(outcomeOf(sender.send(peer.id, NOTE, "hi"))).isEqualTo(SendResult.QUEUE_FULL);

        connection.writable = true;
        connection.refuseWith = SendFailure.CLOSED;
        assertThat(sender.trySend(peer.id, NOTE, "hi")).isEqualTo(SendResult.CLOSED);
        assertThat(outcomeOf(sender.send(peer.id, NOTE, "hi"))).isEqualTo(SendResult.CLOSED);
        assertThat(connection.calls).as("nothing refused was written").isEmpty();
    }

    @Test
    void broadcastCountsThePeersThatTookItAndSkipsTheExcluded() {
        Link second = node.link("192.0.2.2", Direction.INBOUND, Optional.empty());
        node.verdicts.handshakeCompleted(second, new RemoteHello(3, 3, 1L << 16, "peer", new SemVer(1, 0, 0), Optional.empty()));
        Link third = node.link("192.0.2.3", Direction.INBOUND, Optional.empty());
        node.verdicts.handshakeCompleted(third, new RemoteHello(3, 3, 1L << 16, "peer", new SemVer(1, 0, 0), Optional.empty()));
        ((FakeConnection) third.connection).writable = false;

        assertThat(sender.broadcast(NOTE, "hi", second.id)).as("the first only: second excluded, third full").isEqualTo(1);
    }

    @Test
    void aControlMessageAFullQueueRefusesLetsThePeerGo() {
        connection.refuseWith = SendFailure.QUEUE_FULL;
        sender.sendOn(peer, new io.mintp2p.core.wire.PingResponse(7));
        node.time.runUntilIdle();

        assertThat(peer.localCloseReason.code()).isEqualTo(io.mintp2p.core.transport.DisconnectReason.SLOW_READER);
    }
}
