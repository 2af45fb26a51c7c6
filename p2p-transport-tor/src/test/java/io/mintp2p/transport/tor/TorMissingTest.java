package io.mintp2p.transport.tor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.multibindings.OptionalBinder;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.transport.tcp.TcpOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Without a tor at the configured ports, start-up and dials fail with errors that say what to do. */
class TorMissingTest {
    private static final ConnectionHandler NONE = DiscardingHandler.INSTANCE;

    private static InetSocketAddress deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return new InetSocketAddress("127.0.0.1", s.getLocalPort());
        }
    }

    private static TorOptions nowhere() throws IOException {
        return new TorOptions(deadPort(), deadPort(), Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Optional.empty(), false);
    }

    @Test
    void aNodeListeningOnTorWithoutTorFailsToStartAndSaysWhy() throws IOException {
        TorOptions options = nowhere();
        P2pConfig config = P2pConfig.builder().listen(TransportAddress.parse("tor://127.0.0.1:13031")).build();
        P2pNode node = Guice.createInjector(new P2pModule(config), binder -> {
            binder.install(new TorTransportModule());
            OptionalBinder.newOptionalBinder(binder, TorOptions.class).setBinding().toInstance(options);
        }).getInstance(P2pNode.class);
        try {
            assertThatThrownBy(() -> node.start().get(30, TimeUnit.SECONDS))
                    .hasMessageContaining("cannot reach tor's control port at 127.0.0.1:" + options.control().getPort())
                    .hasMessageContaining("is tor running with ControlPort");
        } finally {
            node.stop().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    @Test
    void aDialWithoutTorNamesTheSocksPort() throws Exception {
        TorOptions options = nowhere();
        try (TorTransport tor = new TorTransport(TcpOptions.defaults(), options)) {
            assertThatThrownBy(() -> tor.dial(TransportAddress.parse("tor://" + io.mintp2p.core.wire.OnionV3.ofKey(
                    new byte[32]).hostname() + ":13031"), NONE).get(30, TimeUnit.SECONDS))
                    .hasMessageContaining("tor's SOCKS port 127.0.0.1:" + options.socks().getPort() + " does not answer");
            assertThatThrownBy(() -> tor.dial(TransportAddress.parse("tor://notanonion.onion:1"), NONE).get())
                    .hasMessageContaining("56 base32 characters");
        }
    }

    @Test
    void onionOnlyNeverDialsAClearnetHost() throws Exception {
        TorOptions n = nowhere();
        TorOptions onionOnly = new TorOptions(n.socks(), n.control(), Optional.empty(), n.connectTimeout(),
                n.publishTimeout(), Optional.empty(), true);
        try (TorTransport tor = new TorTransport(TcpOptions.defaults(), onionOnly)) {
            assertThatThrownBy(() -> tor.dial(TransportAddress.parse("tor://1.2.3.4:13031"), NONE).get())
                    .hasMessageContaining("onion-only: not dialling tor://1.2.3.4:13031");
        }
    }

    @Test
    void aListenAddressWithoutPortOrLocalIpIsRefused() throws Exception {
        try (TorTransport tor = new TorTransport(TcpOptions.defaults(), nowhere())) {
            assertThat(tor.listen(TransportAddress.parse("tor://127.0.0.1:0"), NONE))
                    .failsWithin(Duration.ofSeconds(5)).withThrowableThat().withMessageContaining("e.g. tor://127.0.0.1:13031");
        }
    }
}
