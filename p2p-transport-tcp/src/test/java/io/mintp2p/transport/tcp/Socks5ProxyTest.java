package io.mintp2p.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.inject.Guice;
import com.google.inject.multibindings.OptionalBinder;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.Listener;
import io.mintp2p.core.transport.TransportAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The TCP transport's SOCKS5 option through a real SOCKS5 server (Debian's dante-server). */
class Socks5ProxyTest {
    private static final Path DIR = Path.of("target", "dante");

    private static final class Recorder implements ConnectionHandler {
        final List<Connection> opened = new CopyOnWriteArrayList<>();
        final List<String> frames = new CopyOnWriteArrayList<>();

        @Override
        public void onOpen(Connection connection) {
            opened.add(connection);
        }

        @Override
        public void onFrame(Connection connection, ByteBuf payload) {
            frames.add(payload.toString(StandardCharsets.UTF_8));
            payload.release();
        }

        @Override
        public void onClosed(Connection connection, CloseReason reason) {
        }
    }

    private static void roundTrip(Socks5Proxy proxy) throws Exception {
        try (TcpTransport server = new TcpTransport(TcpOptions.defaults());
             TcpTransport client = new TcpTransport(TcpOptions.defaults(), Optional.of(proxy))) {
            Recorder serverSide = new Recorder();
            Listener listener = server.listen(TransportAddress.parse("tcp://127.0.0.1:0"), serverSide).get(10, TimeUnit.SECONDS);
            Connection c = client.dial(listener.localAddress(), new Recorder()).get(10, TimeUnit.SECONDS);
            c.send(Unpooled.copiedBuffer("via socks", StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
            await().atMost(10, TimeUnit.SECONDS).until(() -> serverSide.frames.contains("via socks"));
            assertThat(c.remote()).as("the connection names the target, not the proxy").isEqualTo(listener.localAddress());
            assertThat(serverSide.opened.get(0).remote().port()).as("the server sees dante's socket, not ours")
                    .isNotEqualTo(c.local().port());
        }
    }

    @Test
    void dialsThroughAProxyWithoutAuthentication() throws Exception {
        try (Dante dante = Dante.start(DIR.resolve("none"), Optional.empty())) {
            roundTrip(new Socks5Proxy(dante.address(), Optional.empty(), Duration.ofSeconds(10)));
        }
    }

    @Test
    void dialsThroughAProxyWithUsernameAndPasswordAndAWrongPasswordIsRefused() throws Exception {
        try (Dante dante = Dante.start(DIR.resolve("username"), Optional.of("s3cret-for-tests"))) {
            roundTrip(new Socks5Proxy(dante.address(), Optional.of(new Socks5Proxy.Credentials(Dante.USER, "s3cret-for-tests")),
                    Duration.ofSeconds(10)));
            try (TcpTransport client = new TcpTransport(TcpOptions.defaults(), Optional.of(new Socks5Proxy(dante.address(),
                    Optional.of(new Socks5Proxy.Credentials(Dante.USER, "wrong")), Duration.ofSeconds(10))))) {
                assertThatThrownBy(() -> client.dial(TransportAddress.parse("tcp://127.0.0.1:9"), new Recorder())
                        .get(15, TimeUnit.SECONDS)).hasMessageContaining("socks5").hasMessageContaining("password");
            }
        }
    }

    @Test
    void aNodeGivenASocks5ProxyBindingDialsThroughIt() throws Exception {
        try (Dante dante = Dante.start(DIR.resolve("node"), Optional.empty())) {
            P2pConfig.Builder config = P2pConfig.builder().listen(TransportAddress.parse("tcp://127.0.0.1:0"))
                    .whitelistLoopback(true);
            P2pNode server = Guice.createInjector(new P2pModule(config.build()), new TcpTransportModule())
                    .getInstance(P2pNode.class);
            Socks5Proxy proxy = new Socks5Proxy(dante.address(), Optional.empty(), Duration.ofSeconds(10));
            P2pNode client = Guice.createInjector(new P2pModule(config.build()), new TcpTransportModule(),
                    binder -> OptionalBinder.newOptionalBinder(binder, Socks5Proxy.class).setBinding().toInstance(proxy))
                    .getInstance(P2pNode.class);
            server.start().join();
            client.start().join();
            try {
                TransportAddress target = server.listenAddresses().get(0);
                assertThat(client.connect(target).get(10, TimeUnit.SECONDS).address()).isEqualTo(target);
                await().atMost(10, TimeUnit.SECONDS).until(() -> server.peers().size() == 1);
                assertThat(Files.readString(DIR.resolve("node").resolve("danted.log")))
                        .as("dante relayed it").contains("127.0.0.1." + target.port());
            } finally {
                client.stop().orTimeout(10, TimeUnit.SECONDS).join();
                server.stop().orTimeout(10, TimeUnit.SECONDS).join();
            }
        }
    }

    @Test
    void withoutTheProxyADialFailsCleanly() throws Exception {
        Dante.requireInstalled();
        Dante gone = Dante.start(DIR.resolve("gone"), Optional.empty());
        gone.close();
        try (TcpTransport client = new TcpTransport(TcpOptions.defaults(), Optional.of(
                new Socks5Proxy(gone.address(), Optional.empty(), Duration.ofSeconds(5))))) {
            assertThatThrownBy(() -> client.dial(TransportAddress.parse("tcp://127.0.0.1:9"), new Recorder())
                    .get(15, TimeUnit.SECONDS)).hasMessageContaining("Connection refused");
        }
    }
}
