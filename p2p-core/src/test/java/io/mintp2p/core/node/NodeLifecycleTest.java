package io.mintp2p.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.Listener;
import io.mintp2p.core.transport.Transport;
import io.mintp2p.core.transport.TransportAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Start binds, then starts the peer manager; stop says goodbye, waits for closes on virtual time, then releases everything. */
class NodeLifecycleTest {
    private static final TransportAddress BIND = TransportAddress.of("tcp", "127.0.0.1", 0);
    private static final Duration DISCONNECT_TIMEOUT = Duration.ofSeconds(2);

    /** Binds at once to port 13031; records its listener's and its own close. */
    private static final class FakeTransport implements Transport {
        final List<String> calls = new ArrayList<>();

        @Override public String scheme() { return "tcp"; }
        @Override public CompletableFuture<Listener> listen(TransportAddress bind, ConnectionHandler handler) {
            calls.add("listen");
            return CompletableFuture.completedFuture(new Listener() {
                @Override public TransportAddress localAddress() { return TransportAddress.of("tcp", "127.0.0.1", 13031); }
                @Override public void close() { calls.add("listener closed"); }
            });
        }
        @Override public CompletableFuture<Connection> dial(TransportAddress remote, ConnectionHandler handler) {
            throw new AssertionError("no dials here");
        }
        @Override public void close() { calls.add("closed"); }
    }

    private final NodeParts node = new NodeParts();
    private final FakeTransport transport = new FakeTransport();
    private final List<String> pool = new ArrayList<>();
    private final MessageHandlerExecutor handlers = new MessageHandlerExecutor((Executor) task -> pool.add("task"), true);
    private final FrameRouter router = new FrameRouter(node.links, node.run,
            io.mintp2p.core.wire.MessageCodec.controlOnly(), node.time, node.stats, node.sessions.shared(),
            node.admission, node.phases, node.dispatch, node.owner);
    private final NodeLifecycle lifecycle = new NodeLifecycle(node.run, node.time, List.of(BIND), a -> transport,
            List.of(transport), router, node.links, node.peerManager, handlers, node.manualDials, DISCONNECT_TIMEOUT);

    NodeLifecycleTest() {
        node.run.running(false);
    }

    private NodeLifecycle started() {
        CompletableFuture<Void> started = lifecycle.start();
        node.time.runUntilIdle();
        assertThat(started).isCompleted();
        return lifecycle;
    }

    @Test
    void startBindsTheListenersThenStartsThePeerManagerOnce() {
        started();

        assertThat(lifecycle.boundAddresses()).containsExactly(TransportAddress.of("tcp", "127.0.0.1", 13031));
        assertThat(node.peerManager.heard).containsExactly("listening [tcp://127.0.0.1:13031]", "start");
        assertThat(node.run.isRunning()).isTrue();

        CompletableFuture<Void> again = lifecycle.start();
        node.time.runUntilIdle();
        assertThat(again).isCompletedExceptionally();
    }

    @Test
    void stopWaitsForThePeersToCloseUntilTheTimeoutThenReleasesEverything() {
        started();
        Link peer = node.link("192.0.2.1", Direction.INBOUND, Optional.empty());
        java.util.concurrent.CompletableFuture<PeerSnapshot> dial = new java.util.concurrent.CompletableFuture<>();
        node.manualDials.connect(TransportAddress.of("tcp", "192.0.2.9", 13031), dial);

        CompletableFuture<Void> stopped = lifecycle.stop();
        assertThat(lifecycle.stop()).as("one stop").isSameAs(stopped);
        node.time.advance(DISCONNECT_TIMEOUT.minusMillis(100));

        assertThat(node.run.isRunning()).isFalse();
        assertThat(peer.localCloseReason.code()).isEqualTo(io.mintp2p.core.transport.DisconnectReason.SHUTDOWN);
        assertThat(transport.calls).containsExactly("listen", "listener closed");
        assertThat(stopped).as("the peer has not reported its close").isNotDone();

        node.time.advance(Duration.ofMillis(200));

        assertThat(stopped).isCompleted();
        assertThat(transport.calls).containsExactly("listen", "listener closed", "closed");
        assertThat(node.peerManager.heard).contains("stop");
        assertThat(dial).isCompletedExceptionally();
    }

    @Test
    void stopCompletesAsSoonAsEveryConnectionHasClosed() {
        started();
        Link peer = node.link("192.0.2.1", Direction.INBOUND, Optional.empty());

        CompletableFuture<Void> stopped = lifecycle.stop();
        node.time.runUntilIdle();
        node.phases.closed(peer.connection, peer.localCloseReason);
        node.time.advance(Duration.ofMillis(20));

        assertThat(stopped).isCompleted();
        assertThat(node.time.clock().monotonicMillis()).isLessThan(DISCONNECT_TIMEOUT.toMillis());
    }
}
