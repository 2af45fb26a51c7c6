package io.mintp2p.core.peers.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.HandshakeResult;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.peers.PeerManager;
import io.mintp2p.core.peers.Verdict;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.AnnounceAddrRequest;
import io.mintp2p.core.wire.Network;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.Services;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Discouragement in the AUTO mode: keyed by identity or endpoint, so nodes sharing an IP are kept apart. */
class DisciplineTest extends PeerManagerTestBase {
    private static final Duration DURATION = Duration.ofHours(1);
    private static final CloseReason JUNK = CloseReason.of(DisconnectReason.MISBEHAVIOUR, "junk");
    private static final PeerIdentity ALICE = new PeerIdentity("a".repeat(64));
    private static final PeerIdentity BOB = new PeerIdentity("b".repeat(64));

    private P2pConfig.Builder config() {
        return P2pConfig.builder().network(Network.MAINNET).targetOutbound(0).blockRelayOutbound(0)
                .discouragementDuration(DURATION);
    }

    private void misbehave(PeerManager pm, HandshakeResult r, int score) {
        pm.onMisbehaviour(Optional.of(r.peer()), r.address(), r.identity(), score, JUNK);
    }

    private HandshakeResult inboundWithIdentity(String ip, int port, PeerIdentity identity) {
        return new HandshakeResult(new PeerId(nextPeer++), tcp(ip, port), Direction.INBOUND, Optional.empty(),
                Optional.of(identity), 3, Services.PEER_ADDRESSES, "peer", new SemVer(1, 0, 0), Optional.empty());
    }

    private long dialsOf(TransportAddress a) {
        return actions.dials.stream().filter(d -> d.address().equals(a)).count();
    }

    @Test
    void aDiscouragedOutboundPeerIsDroppedAloneAndNotRedialledUntilItsTimeIsUp() {
        TransportAddress bad = tcp("203.0.113.7", 5000);
        TransportAddress sibling = tcp("203.0.113.7", 5001);
        PeerManager pm = manager(config().reservedPeer(bad).reservedPeer(sibling));
        HandshakeResult b = answerDials(pm).stream().filter(r -> r.address().equals(bad)).findFirst().orElseThrow();

        misbehave(pm, b, 60);
        assertThat(actions.disconnects).as("below the threshold").isEmpty();
        misbehave(pm, b, 40);
        assertThat(actions.disconnects).as("the node on the same IP stays")
                .containsExactly(new RecordingActions.Disconnect(b.peer(), DisconnectReason.DISCOURAGED));
        assertThat(pm.bans()).as("no IP was discouraged").isEmpty();
        pm.onPeerDisconnected(b.peer(), CloseReason.of(DisconnectReason.DISCOURAGED));

        time.advance(DURATION.minusSeconds(1));
        assertThat(dialsOf(bad)).as("a reserved peer, yet not redialled while discouraged").isZero();
        time.advance(Duration.ofMinutes(2));
        assertThat(actions.dials).as("redialled once its time is up")
                .contains(new RecordingActions.Dial(bad, DialPurpose.RESERVED));
    }

    @Test
    void aManualConnectStillDialsAndKeepsADiscouragedPeer() {
        TransportAddress bad = tcp("203.0.113.7", 5000);
        PeerManager pm = manager(config().reservedPeer(bad));
        HandshakeResult b = answerDials(pm).get(0);
        misbehave(pm, b, 100);
        pm.onPeerDisconnected(b.peer(), CloseReason.of(DisconnectReason.DISCOURAGED));

        pm.connectManually(bad);
        assertThat(actions.dials).containsExactly(new RecordingActions.Dial(bad, DialPurpose.MANUAL));
        assertThat(answerDials(pm)).as("the operator's choice").hasSize(1);
    }

    @Test
    void aDialThatWasUnderWayWhenItsEndpointWasDiscouragedIsRefused() {
        TransportAddress bad = tcp("203.0.113.7", 5000);
        PeerManager pm = manager(config().reservedPeer(bad));
        HandshakeResult first = answerDials(pm).get(0);
        misbehave(pm, first, 100);
        HandshakeResult late = handshake(bad, Direction.OUTBOUND, Optional.of(DialPurpose.RESERVED));
        assertThat(pm.onHandshakeCompleted(late)).isEqualTo(Verdict.reject(DisconnectReason.DISCOURAGED));
    }

    @Test
    void aDiscouragedIdentityIsRefusedAtTheHandshakeFromAnyAddress() {
        PeerManager pm = manager(config());
        HandshakeResult alice = inboundWithIdentity("198.51.100.1", 40000, ALICE);
        HandshakeResult bob = inboundWithIdentity("198.51.100.1", 40001, BOB);
        pm.onHandshakeCompleted(alice);
        pm.onHandshakeCompleted(bob);
        misbehave(pm, alice, 100);
        assertThat(actions.disconnects).containsExactly(new RecordingActions.Disconnect(alice.peer(), DisconnectReason.DISCOURAGED));

        assertThat(pm.onHandshakeCompleted(inboundWithIdentity("192.0.2.9", 40002, ALICE)))
                .isEqualTo(Verdict.reject(DisconnectReason.DISCOURAGED));
        assertThat(pm.onHandshakeCompleted(inboundWithIdentity("198.51.100.1", 40003, BOB)).kind())
                .as("another identity at the same IP").isEqualTo(Verdict.Kind.ACCEPT);
        time.advance(DURATION);
        assertThat(pm.onHandshakeCompleted(inboundWithIdentity("192.0.2.9", 40004, ALICE)).kind())
                .as("its time is up").isEqualTo(Verdict.Kind.ACCEPT);
    }

    @Test
    void misbehaviourDuringAnInboundHandshakeDiscouragesTheIdentityItProved() {
        PeerManager pm = manager(config());
        pm.onMisbehaviour(Optional.empty(), tcp("198.51.100.1", 40000), Optional.of(ALICE), 100, JUNK);
        assertThat(pm.onHandshakeCompleted(inboundWithIdentity("198.51.100.1", 40001, ALICE)))
                .isEqualTo(Verdict.reject(DisconnectReason.DISCOURAGED));
    }

    @Test
    void anUnauthenticatedInboundPeerIsRecognisedByTheListenAddressItAnnounces() {
        PeerManager pm = manager(config());
        HandshakeResult first = inbound("203.0.113.7", 40000, pm);
        pm.onHandshakeCompleted(first);
        pm.onMessage(first.peer(), new AnnounceAddrRequest(peer("203.0.113.7", 3031)));
        misbehave(pm, first, 100);
        assertThat(actions.disconnects).containsExactly(new RecordingActions.Disconnect(first.peer(), DisconnectReason.DISCOURAGED));
        pm.onPeerDisconnected(first.peer(), CloseReason.of(DisconnectReason.DISCOURAGED));
        actions.disconnects.clear();

        HandshakeResult back = inbound("203.0.113.7", 40001, pm);
        assertThat(pm.onHandshakeCompleted(back).kind()).as("not known by its ephemeral port").isEqualTo(Verdict.Kind.ACCEPT);
        pm.onMessage(back.peer(), new AnnounceAddrRequest(peer("203.0.113.7", 3031)));
        assertThat(actions.disconnects).as("recognised by its listen address")
                .containsExactly(new RecordingActions.Disconnect(back.peer(), DisconnectReason.DISCOURAGED));

        HandshakeResult neighbour = inbound("203.0.113.7", 40002, pm);
        pm.onHandshakeCompleted(neighbour);
        pm.onMessage(neighbour.peer(), new AnnounceAddrRequest(peer("203.0.113.7", 3032)));
        assertThat(actions.disconnects).as("another node on the same IP").hasSize(1);
    }

    @Test
    void anAnnouncementAtAnotherIpIsNotTheSendersKey() {
        PeerManager pm = manager(config());
        HandshakeResult liar = inbound("203.0.113.7", 40000, pm);
        pm.onHandshakeCompleted(liar);
        HandshakeResult honest = handshake(tcp("198.51.100.5", 3031), Direction.INBOUND, Optional.empty());
        pm.onHandshakeCompleted(honest);
        // It relays someone else's address, then misbehaves: the other node must not be discouraged.
        pm.onMessage(liar.peer(), new AnnounceAddrRequest(peer("198.51.100.5", 3031)));
        misbehave(pm, liar, 100);
        assertThat(actions.disconnects).containsExactly(new RecordingActions.Disconnect(liar.peer(), DisconnectReason.DISCOURAGED));
    }

    @Test
    void hugeScoresSaturateInsteadOfWrappingBelowTheThreshold() {
        PeerManager pm = manager(config());
        HandshakeResult in = inbound("203.0.113.7", 40000, pm);
        pm.onHandshakeCompleted(in);
        misbehave(pm, in, Integer.MAX_VALUE);
        misbehave(pm, in, Integer.MAX_VALUE);
        assertThat(actions.disconnects).as("still over the threshold the second time")
                .containsExactly(new RecordingActions.Disconnect(in.peer(), DisconnectReason.DISCOURAGED),
                        new RecordingActions.Disconnect(in.peer(), DisconnectReason.DISCOURAGED));
    }

    @Test
    void loopbackWhitelistingSparesIpKeysOnly() {
        TransportAddress bad = tcp("127.0.0.1", 5000);
        PeerManager pm = manager(config().network(Network.REGTEST).whitelistLoopback(true).reservedPeer(bad));
        HandshakeResult b = answerDials(pm).get(0);
        misbehave(pm, b, 100);
        assertThat(actions.disconnects).as("one port on loopback still names one node")
                .containsExactly(new RecordingActions.Disconnect(b.peer(), DisconnectReason.DISCOURAGED));
    }
}
