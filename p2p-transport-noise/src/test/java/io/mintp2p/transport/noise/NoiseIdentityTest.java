package io.mintp2p.transport.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.Listener;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.transport.TransportException;
import io.mintp2p.testkit.transport.RecordingHandler;
import io.mintp2p.transport.tcp.TcpOptions;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Noise static keys as identities: pins, the key file, and a fresh key per dial. */
class NoiseIdentityTest {
    private final NoiseKeys serverKeys = NoiseKeys.ephemeral();
    private final NoiseKeys clientKeys = NoiseKeys.ephemeral();
    private final NoiseTransport server = transport(serverKeys, false);
    private NoiseTransport client = transport(clientKeys, false);

    private static NoiseTransport transport(NoiseKeys keys, boolean freshKeyPerOutbound) {
        return new NoiseTransport(TcpOptions.defaults(), keys, new NoiseOptions(Duration.ofSeconds(10), freshKeyPerOutbound),
                Optional.empty());
    }

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    private TransportAddress listen(RecordingHandler handler, Optional<PeerIdentity> pin) throws Exception {
        Listener l = server.listen(TransportAddress.of("noise", "127.0.0.1", 0), handler).get(10, TimeUnit.SECONDS);
        return new TransportAddress("noise", "127.0.0.1", l.localAddress().port(), pin);
    }

    @Test
    void theIdentityIsTheStaticPublicKeyAndAPinnedMatchIsAccepted() throws Exception {
        assertThat(server.localIdentity().hex()).isEqualTo(HexFormat.of().formatHex(serverKeys.pair().publicKey()));
        TransportAddress pinned = listen(new RecordingHandler(), Optional.of(serverKeys.identity()));
        assertThat(pinned.toString()).endsWith("#" + serverKeys.identity());
        Connection c = client.dial(TransportAddress.parse(pinned.toString()), new RecordingHandler()).get(10, TimeUnit.SECONDS);
        assertThat(c.identity()).contains(serverKeys.identity());
    }

    @Test
    void anUnpinnedKeyIsNoIdentitySoNothingPinsItOnFirstUse() throws Exception {
        RecordingHandler serverEvents = new RecordingHandler();
        TransportAddress unpinned = listen(serverEvents, Optional.empty());
        Connection c = client.dial(unpinned, new RecordingHandler()).get(10, TimeUnit.SECONDS);
        assertThat(c.identity()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> serverEvents.opened.size() == 1);
        assertThat(serverEvents.opened.get(0).identity()).as("inbound keys are not identities either").isEmpty();
    }

    @Test
    void aPinnedMismatchIsRefusedBeforeTheConnectionOpens() throws Exception {
        RecordingHandler serverEvents = new RecordingHandler();
        PeerIdentity someoneElse = NoiseKeys.ephemeral().identity();
        TransportAddress pinned = listen(serverEvents, Optional.of(someoneElse));
        RecordingHandler events = new RecordingHandler();
        CompletableFuture<Connection> dial = client.dial(pinned, events);
        assertThatThrownBy(() -> dial.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.reason().code()).isEqualTo(DisconnectReason.IDENTITY_MISMATCH));
        assertThat(events.opened).as("a refused peer never becomes a connection").isEmpty();
    }

    @Test
    void withFreshKeysEachDialShowsANewKeyElseTheNodesOwn() throws Exception {
        client.close();
        client = transport(clientKeys, true);
        try (ServerSocket raw = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            TransportAddress target = TransportAddress.of("noise", "127.0.0.1", raw.getLocalPort());
            byte[] first = keySeenByResponder(raw, client, target);
            byte[] second = keySeenByResponder(raw, client, target);
            assertThat(first).isNotEqualTo(second);
            assertThat(NoiseKeys.identityOf(first)).isNotEqualTo(clientKeys.identity());
            assertThat(NoiseKeys.identityOf(second)).isNotEqualTo(clientKeys.identity());

            NoiseTransport stable = transport(clientKeys, false);
            try {
                assertThat(NoiseKeys.identityOf(keySeenByResponder(raw, stable, target))).isEqualTo(clientKeys.identity());
            } finally {
                stable.close();
            }
        }
    }

    /** Dials {@code target}, answers as a raw responder on {@code raw}, and returns the dialler's static key. */
    static byte[] keySeenByResponder(ServerSocket raw, NoiseTransport dialler, TransportAddress target) throws Exception {
        CompletableFuture<Connection> dial = dialler.dial(target, new RecordingHandler());
        try (Socket accepted = raw.accept();
             RawNoisePeer responder = RawNoisePeer.responder(accepted, NoiseKeyPair.generate(new SecureRandom()))) {
            responder.handshake();
            dial.get(10, TimeUnit.SECONDS).close(io.mintp2p.core.transport.CloseReason.of(DisconnectReason.MANUAL));
            return responder.remoteStatic();
        }
    }

    @Test
    void theKeyIsCreatedOnceOwnerOnlyAndReloadedWithTheSameIdentity(@TempDir Path dir) throws Exception {
        NoiseKeys first = NoiseKeys.loadOrCreate(dir.resolve("keys"));
        NoiseKeys second = NoiseKeys.loadOrCreate(dir.resolve("keys"));
        assertThat(second.identity()).isEqualTo(first.identity());
        Path file = dir.resolve("keys").resolve(NoiseKeys.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file).strip()).hasSize(64);
    }

    @Test
    void aDamagedKeyFileIsAnErrorNotANewIdentity(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(NoiseKeys.KEY_FILE), "not a key\n");
        assertThatThrownBy(() -> NoiseKeys.loadOrCreate(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot use Noise key");
        assertThat(Files.readString(dir.resolve(NoiseKeys.KEY_FILE))).isEqualTo("not a key\n");
    }
}
