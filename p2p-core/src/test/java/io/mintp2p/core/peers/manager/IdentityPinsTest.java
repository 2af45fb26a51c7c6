package io.mintp2p.core.peers.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.HandshakeResult;
import io.mintp2p.core.peers.IdentityPin;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.peers.PeerManager;
import io.mintp2p.core.peers.Verdict;
import io.mintp2p.core.peers.pins.IdentityPins;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.Services;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trust on first use: the first identity seen at an address is pinned; another one is refused until unpinned. */
class IdentityPinsTest extends PeerManagerTestBase {
    private static final TransportAddress PEER = TransportAddress.of("tls", "127.0.0.1", 41000);
    private static final PeerIdentity KEY_A = new PeerIdentity("a".repeat(64));
    private static final PeerIdentity KEY_B = new PeerIdentity("b".repeat(64));

    private Verdict handshakeAs(PeerManager pm, TransportAddress dialled, PeerIdentity identity) {
        return pm.onHandshakeCompleted(new HandshakeResult(new PeerId(nextPeer++), dialled, Direction.OUTBOUND,
                Optional.of(DialPurpose.MANUAL), Optional.of(identity), 3, Services.PEER_ADDRESSES, "peer",
                new SemVer(1, 0, 0), Optional.empty()));
    }

    private P2pConfig.Builder config(Path dir) {
        return P2pConfig.builder().targetOutbound(0).blockRelayOutbound(0).dataDir(dir);
    }

    @Test
    void theFirstKeyIsPinnedLaterDialsCarryItAndAnotherKeyIsRefused(@TempDir Path dir) {
        PeerManager pm = manager(config(dir));
        pm.connectManually(PEER);
        assertThat(handshakeAs(pm, PEER, KEY_A).kind()).isEqualTo(Verdict.Kind.ACCEPT);
        assertThat(pm.pins()).extracting(IdentityPin::identity).containsExactly(KEY_A);
        pm.onPeerDisconnected(new PeerId(nextPeer - 1), CloseReason.of(DisconnectReason.PEER_CLOSED));

        actions.dials.clear();
        pm.connectManually(PEER);
        TransportAddress dialled = actions.dials.get(0).address();
        assertThat(dialled.pinnedIdentity()).as("the transport is told which key to expect").contains(KEY_A);

        Verdict impostor = handshakeAs(pm, dialled, KEY_B);
        assertThat(impostor.closeReason().code()).isEqualTo(DisconnectReason.IDENTITY_MISMATCH);
        pm.onOutboundFailed(dialled, DialPurpose.MANUAL, CloseReason.of(DisconnectReason.IDENTITY_MISMATCH, "got bbbb"));
        time.advance(java.time.Duration.ofSeconds(1));
        assertThat(pm.stats().identityMismatches()).isEqualTo(2);
        assertThat(pm.pins()).extracting(IdentityPin::identity).as("a mismatch never re-pins").containsExactly(KEY_A);
    }

    @Test
    void theOperatorUnpinsAndTheNextKeyIsPinned(@TempDir Path dir) {
        PeerManager pm = manager(config(dir));
        pm.connectManually(PEER);
        handshakeAs(pm, PEER, KEY_A);
        pm.onPeerDisconnected(new PeerId(nextPeer - 1), CloseReason.of(DisconnectReason.PEER_CLOSED));
        assertThat(pm.unpin(TransportAddress.parse("tls://127.0.0.1:41000#" + KEY_A.hex())).join()).isTrue();
        assertThat(pm.unpin(PEER).join()).as("nothing left to unpin").isFalse();
        pm.connectManually(PEER);
        assertThat(handshakeAs(pm, PEER, KEY_B).kind()).isEqualTo(Verdict.Kind.ACCEPT);
        assertThat(pm.pins()).extracting(IdentityPin::identity).containsExactly(KEY_B);
    }

    @Test
    void pinsSurviveARestartAndAnUnreadableFileIsSetAside(@TempDir Path dir) throws Exception {
        PeerManager first = manager(config(dir));
        first.connectManually(PEER);
        handshakeAs(first, PEER, KEY_A);
        first.stop().join();
        PeerManager second = manager(config(dir));
        assertThat(second.pins()).extracting(IdentityPin::address, IdentityPin::identity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PEER, KEY_A));
        second.stop().join();

        Files.writeString(dir.resolve("pins.txt"), "mintp2p-pins v1\nnot an address\txx\t1\n");
        PeerManager third = manager(config(dir));
        assertThat(third.pins()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("pins.txt.corrupt"));
        }
    }

    @Test
    void pinsAreBoundedTheOldestGoesFirst() {
        IdentityPins table = new IdentityPins();
        java.time.Instant now = java.time.Instant.EPOCH;
        for (int i = 0; i <= IdentityPins.MAX; i++) {
            table.check(TransportAddress.of("tls", "127.0." + (i / 250) + "." + (1 + i % 250), 41000), Optional.of(KEY_A), now);
        }
        assertThat(table.size()).isEqualTo(IdentityPins.MAX);
        assertThat(table.pinned(TransportAddress.of("tls", "127.0.0.1", 41000))).as("the oldest pin went").isEmpty();
        assertThat(table.pinned(TransportAddress.of("tls", "127.0.40.1", 41000))).as("the newest stays").contains(KEY_A);
    }
}
