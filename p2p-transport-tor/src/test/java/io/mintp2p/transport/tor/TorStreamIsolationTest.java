package io.mintp2p.transport.tor;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Listener;
import io.mintp2p.core.transport.Transport;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.transport.tcp.Socks5Proxy;
import io.mintp2p.transport.tcp.TcpOptions;
import io.mintp2p.transport.tcp.TcpTransport;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.freehaven.tor.control.TorControlConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each dialled connection gets its own circuit (distinct SOCKS credentials), as the client tor's
 * control port shows; with shared credentials (a plain SOCKS5 proxy) tor reuses one circuit.
 */
@ExtendWith(TorNetworkExtension.class)
class TorStreamIsolationTest {
    private static final ConnectionHandler QUIET = DiscardingHandler.INSTANCE;

    /** Circuit ids of the client tor's open streams to {@code host}, from GETINFO stream-status. */
    private static List<String> circuitsOfStreamsTo(String host) throws Exception {
        PrivateTorNetwork net = TorNetworkExtension.network();
        try (Socket s = new Socket(net.control().getAddress(), net.control().getPort())) {
            TorControlConnection control = new TorControlConnection(s);
            control.launchThread(true);
            control.authenticate(Files.readAllBytes(net.controlCookie()));
            // "<stream id> <status> <circuit id> <target>" per line
            return Arrays.stream(control.getInfo("stream-status").split("\n"))
                    .map(l -> l.trim().split(" ")).filter(f -> f.length == 4 && f[3].startsWith(host))
                    .map(f -> f[2]).toList();
        }
    }

    private static List<String> circuitsOfTwoDials(Transport client, TransportAddress target) throws Exception {
        Connection first = client.dial(target, QUIET).get(60, TimeUnit.SECONDS);
        Connection second = client.dial(target, QUIET).get(60, TimeUnit.SECONDS);
        try {
            return circuitsOfStreamsTo(target.host());
        } finally {
            first.close(CloseReason.of(io.mintp2p.core.transport.DisconnectReason.MANUAL));
            second.close(CloseReason.of(io.mintp2p.core.transport.DisconnectReason.MANUAL));
        }
    }

    @Test
    void twoConnectionsToOnePeerUseTwoCircuitsButSharedCredentialsShareOne() throws Exception {
        try (TorTransport server = new TorTransport(TcpOptions.defaults(), TorNetworkExtension.options(null));
             TorTransport isolating = new TorTransport(TcpOptions.defaults(), TorNetworkExtension.options(null));
             TcpTransport plainSocks = new TcpTransport(TcpOptions.defaults(), Optional.of(new Socks5Proxy(
                     TorNetworkExtension.network().socks(), Optional.empty(), Duration.ofSeconds(60))))) {
            Listener listener = server.listen(TransportAddress.of("tor", "127.0.0.1", 13031), QUIET).get(90, TimeUnit.SECONDS);
            TransportAddress onion = listener.localAddress();

            List<String> isolated = circuitsOfTwoDials(isolating, onion);
            assertThat(isolated).hasSize(2);
            assertThat(isolated.get(0)).as("per-connection credentials: separate circuits").isNotEqualTo(isolated.get(1));

            List<String> shared = circuitsOfTwoDials(plainSocks, TransportAddress.of("tcp", onion.host(), onion.port()));
            assertThat(shared).hasSize(2);
            assertThat(shared.get(0)).as("the same (no) credentials: one circuit").isEqualTo(shared.get(1));
        }
    }
}
