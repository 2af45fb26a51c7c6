package io.mintp2p.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.wire.Hello;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.PingRequest;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The transport callbacks: admission first, a session from onOpen, a Hello answered at once, the rest to the node thread. */
class FrameRouterTest {
    private final NodeParts node = new NodeParts();
    private final MessageCodec codec = MessageCodec.controlOnly();
    private final FrameRouter router = new FrameRouter(node.links, node.run, codec, node.time, node.stats,
            node.sessions.shared(), node.admission, node.phases, node.dispatch, node.owner);
    private final ConnectionHandler inbound = router.forListener();
    private final FakeConnection connection = new FakeConnection("192.0.2.1", Direction.INBOUND);

    private Hello hello() {
        P2pConfig ours = P2pConfig.builder().build();
        return new Hello(ours.protocolVersion(), ours.network().magic(), 1, "peer", ours.softwareVersion(),
                Optional.empty(), node.time.clock().unixSeconds(), 42);
    }

    @Test
    void aNodeThatIsNotRunningRefusesAtAdmission() {
        node.run.running(false);
        assertThat(inbound.admit(connection)).hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(DisconnectReason.SHUTDOWN));
    }

    @Test
    void anInboundHelloIsAnsweredWithinTheFrameCallback() {
        inbound.onOpen(connection);
        Link link = node.links.linkOf(connection);
        assertThat(link.session).as("the session starts in onOpen").isNotNull();
        node.time.runUntilIdle();

        inbound.onFrame(connection, codec.encode(hello(), ByteBufAllocator.DEFAULT));

        // Answered within onFrame, no scheduler task run; the virtual scheduler counts as the node thread
        // everywhere, so the verdict (accept: the frame limit lifted) follows in the same call.
        assertThat(connection.calls).containsExactly("send hello_ack", "handshakeCompleted");
        assertThat(link.phase).isEqualTo(Link.Phase.ACCEPTED);
        assertThat(link.budgetMessages).as("its read budget is back").isZero();
    }

    @Test
    void aFrameThatDoesNotDecodeIsScoredOnTheNodeThreadAndTheConnectionClosed() {
        inbound.onOpen(connection);
        node.time.runUntilIdle();

        inbound.onFrame(connection, Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, 1, 2, 3}));
        assertThat(node.peerManager.heard).as("nothing decided on the transport thread").isEmpty();
        node.time.runUntilIdle();

        assertThat(node.peerManager.heard).singleElement().asString().startsWith("misbehaved - 192.0.2.1 ");
        assertThat(node.links.linkOf(connection).localCloseReason.code()).isEqualTo(DisconnectReason.DECODE_ERROR);
    }

    @Test
    void onTheNodeThreadAnAcceptedPeersPingIsAnsweredWithinTheFrameCallback() {
        acceptedPeer();

        inbound.onFrame(connection, codec.encode(new PingRequest(7), ByteBufAllocator.DEFAULT));

        // The virtual scheduler counts as the node thread: no hand-over, no task to run first.
        assertThat(connection.calls).singleElement().asString().startsWith("send");
    }

    @Test
    void aFrameAfterOneThatDidNotDecodeWaitsForItsVerdict() {
        acceptedPeer();

        inbound.onFrame(connection, Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, 1, 2, 3}));
        inbound.onFrame(connection, codec.encode(new PingRequest(7), ByteBufAllocator.DEFAULT));
        assertThat(connection.calls).as("the ping queued behind the bad frame").isEmpty();

        node.time.runUntilIdle();
        assertThat(node.peerManager.heard).containsExactly("misbehaved peer-1 192.0.2.1 100");
        assertThat(connection.calls).as("closed, the ping not answered").contains("close " + DisconnectReason.DECODE_ERROR)
                .noneMatch(c -> c.equals("send ping_response"));
    }

    private void acceptedPeer() {
        inbound.onOpen(connection);
        node.time.runUntilIdle();
        inbound.onFrame(connection, codec.encode(hello(), ByteBufAllocator.DEFAULT));
        node.time.runUntilIdle();
        assertThat(node.links.linkOf(connection).phase).isEqualTo(Link.Phase.ACCEPTED);
        connection.calls.clear();
        node.peerManager.heard.clear();
    }

    @Test
    void framesOfAForgottenConnectionGoNowhere() {
        inbound.onOpen(connection);
        node.time.runUntilIdle();
        inbound.onClosed(connection, io.mintp2p.core.transport.CloseReason.of(DisconnectReason.PEER_CLOSED));
        node.time.runUntilIdle();
        node.peerManager.heard.clear();

        inbound.onFrame(connection, codec.encode(hello(), ByteBufAllocator.DEFAULT));
        node.time.runUntilIdle();

        assertThat(connection.calls).isEmpty();
        assertThat(node.peerManager.heard).isEmpty();
    }
}
