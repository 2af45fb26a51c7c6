package io.mintp2p.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.Listener;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.testkit.transport.RecordingHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A security layer other than TLS that refuses an inbound connection: the connection closes with the layer's typed
 * reason, never opens, and the handler learns that what admission reserved for it is free.
 */
class SecurityFailureTest {
    /** Refuses every connection as soon as it is active, with a reason of its own. */
    private static final class RefusingSecurity implements ChannelSecurity {
        @Override
        public ChannelHandler newHandler(SocketChannel channel, Direction direction, Optional<TransportAddress> dialled) {
            return new ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    ctx.fireChannelActive();
                    ctx.fireUserEventTriggered(new SslHandshakeCompletionEvent(new IllegalStateException("not for us")));
                }
            };
        }

        @Override
        public Optional<PeerIdentity> identify(SocketChannel channel, Optional<TransportAddress> dialled) {
            throw new AssertionError("never identified: the handshake failed");
        }

        @Override
        public CloseReason failureReason(Throwable cause) {
            return CloseReason.of(DisconnectReason.NOISE_FAILED, cause.getMessage());
        }
    }

    private static final class Admitting extends RecordingHandler {
        final List<Connection> admittedConnections = new CopyOnWriteArrayList<>();
        final List<CloseReason> neverOpened = new CopyOnWriteArrayList<>();

        @Override
        public Optional<CloseReason> admit(Connection pending) {
            admittedConnections.add(pending);
            return Optional.empty();
        }

        @Override
        public void onAdmittedButNeverOpened(Connection connection, CloseReason reason) {
            assertThat(admittedConnections).contains(connection);
            neverOpened.add(reason);
        }
    }

    @Test
    void aFailedSecurityHandshakeGivesTheAdmittedConnectionBackWithTheLayersReason() throws Exception {
        try (TcpTransport server = new TcpTransport("sec", TcpOptions.defaults(), Optional.of(new RefusingSecurity()))) {
            Admitting handler = new Admitting();
            Listener l = server.listen(TransportAddress.of("sec", "127.0.0.1", 0), handler).get(10, TimeUnit.SECONDS);
            try (Socket s = new Socket("127.0.0.1", l.localAddress().port())) {
                s.setSoTimeout(10_000);
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
            await().atMost(10, TimeUnit.SECONDS).until(() -> handler.neverOpened.size() == 1);
            assertThat(handler.neverOpened.get(0)).isEqualTo(CloseReason.of(DisconnectReason.NOISE_FAILED, "not for us"));
            assertThat(handler.opened).isEmpty();
            assertThat(handler.closes).isEmpty();
        }
    }
}
