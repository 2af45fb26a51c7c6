package io.mintp2p.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.Listener;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.transport.TransportException;
import io.mintp2p.testkit.transport.RecordingHandler;
import io.mintp2p.transport.tcp.TcpOptions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node identities: pinning, mutual authentication, persistence, and interop with openssl. */
class TlsIdentityTest {
    private final NodeKeys serverKeys = NodeKeys.ephemeral();
    private final TlsTransport server = new TlsTransport(TcpOptions.defaults(), serverKeys, Duration.ofSeconds(5));
    private final TlsTransport client = new TlsTransport(TcpOptions.defaults(), NodeKeys.ephemeral(), Duration.ofSeconds(5));

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    private Listener listen(RecordingHandler handler) throws Exception {
        return server.listen(TransportAddress.of("tls", "127.0.0.1", 0), handler).get(10, TimeUnit.SECONDS);
    }

    @Test
    void bothSidesSeeEachOthersIdentityAndAPinnedMatchIsAccepted() throws Exception {
        RecordingHandler serverEvents = new RecordingHandler();
        Listener l = listen(serverEvents);
        TransportAddress pinned = new TransportAddress("tls", "127.0.0.1", l.localAddress().port(),
                Optional.of(serverKeys.identity()));
        Connection c = client.dial(pinned, new RecordingHandler()).get(10, TimeUnit.SECONDS);
        assertThat(c.identity()).contains(serverKeys.identity());
        await().atMost(Duration.ofSeconds(10)).until(() -> serverEvents.opened.size() == 1);
        assertThat(serverEvents.opened.get(0).identity()).contains(client.localIdentity());
    }

    @Test
    void pinnedWrongIdentityIsRefused() throws Exception {
        Listener l = listen(new RecordingHandler());
        PeerIdentity someoneElse = NodeKeys.ephemeral().identity();
        TransportAddress pinned = new TransportAddress("tls", "127.0.0.1", l.localAddress().port(), Optional.of(someoneElse));
        RecordingHandler events = new RecordingHandler();
        assertThatThrownBy(() -> client.dial(pinned, events).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(TransportException.class)
                .hasMessageContaining("peer identity mismatch: expected " + someoneElse);
        assertThat(events.opened).as("a refused peer never becomes a connection").isEmpty();
    }

    @Test
    void clientWithoutCertificateIsRefused() throws Exception {
        RecordingHandler serverEvents = new RecordingHandler();
        Listener l = listen(serverEvents);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(null, new javax.net.ssl.TrustManager[] {new SelfSignedTrustManager()}, null);
        try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", l.localAddress().port())) {
            socket.setSoTimeout(5000);
            assertThatThrownBy(() -> {
                socket.startHandshake();
                // TLS 1.3 reports the server's refusal of our (missing) certificate on the first read.
                socket.getOutputStream().write(new byte[] {1, 0, 0, 0, 9});
                socket.getOutputStream().flush();
                int read = socket.getInputStream().read();
                if (read == -1) {
                    throw new java.io.EOFException("closed by the server");
                }
            }).isInstanceOf(java.io.IOException.class);
        }
        assertThat(serverEvents.opened).isEmpty();
    }

    @Test
    void keyIsCreatedOnceOwnerOnlyAndReloadedWithTheSameIdentity(@TempDir Path dir) throws Exception {
        NodeKeys first = NodeKeys.loadOrCreate(dir);
        NodeKeys second = NodeKeys.loadOrCreate(dir);
        assertThat(second.identity()).isEqualTo(first.identity());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(NodeKeys.KEY_FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void damagedKeyFileIsAnErrorNotANewIdentity(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(NodeKeys.KEY_FILE), "-----BEGIN PRIVATE KEY-----\nbroken\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> NodeKeys.loadOrCreate(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot use node key");
        assertThat(Files.readString(dir.resolve(NodeKeys.KEY_FILE))).contains("broken");
    }

    @Test
    void opensslCompletesATls13HandshakeWhenItPresentsACertificate(@TempDir Path dir) throws Exception {
        assumeThat(new File("/usr/bin/openssl")).as("Debian's openssl is installed by .ci/run").exists();
        NodeKeys clientKeys = NodeKeys.loadOrCreate(dir);
        Listener l = listen(new RecordingHandler());
        Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + l.localAddress().port(),
                "-tls1_3", "-cert", dir.resolve(NodeKeys.CERT_FILE).toString(),
                "-key", dir.resolve(NodeKeys.KEY_FILE).toString(), "-brief")
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(out).contains("TLSv1.3");
        assertThat(out).doesNotContainIgnoringCase("alert");
    }

    @Test
    void engineInUseIsReported() {
        assertThat(server.engine()).isIn("OPENSSL", "JDK");
        System.out.println("TLS engine in use: " + server.engine());
    }
}
