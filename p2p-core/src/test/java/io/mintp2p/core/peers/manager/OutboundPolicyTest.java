package io.mintp2p.core.peers.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.EvictionReason;
import io.mintp2p.core.peers.HandshakeResult;
import io.mintp2p.core.peers.PeerManager;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.AddrListResponse;
import io.mintp2p.core.wire.AnnounceAddrRequest;
import io.mintp2p.core.wire.Network;
import io.mintp2p.core.wire.PeerAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outbound slots: full relay, block relay and its rotating extra, the cut-off extra, distinct groups. */
class OutboundPolicyTest extends PeerManagerTestBase {
    private static final TransportAddress BOOT = tcp("127.0.0.1", 30000);

    /** Starts with one boot node, accepts it and gives it {@code learned} addresses to answer with. */
    private PeerManager connectedToBoot(P2pConfig.Builder config, int learned) {
        PeerManager pm = manager(config.bootNode(BOOT));
        HandshakeResult boot = answerDials(pm).get(0);
        List<PeerAddress> addresses = new ArrayList<>();
        for (int i = 1; i <= learned; i++) {
            addresses.add(peer("127.0.0.1", 30000 + i));
        }
        pm.onMessage(boot.peer(), new AddrListResponse(addresses));
        return pm;
    }

    private List<RecordingActions.Disconnect> rotated() {
        return actions.disconnects.stream().filter(d -> d.reason() == DisconnectReason.ROTATED).toList();
    }

    @Test
    void everyFiveMinutesAnExtraBlockRelayPeerIsTriedAndTheOneThatBroughtNothingGoes() {
        PeerManager pm = connectedToBoot(P2pConfig.builder().targetOutbound(1).blockRelayOutbound(1), 10);
        time.advance(Duration.ofSeconds(1));
        assertThat(actions.dials).extracting(RecordingActions.Dial::purpose).containsExactly(DialPurpose.BLOCK_RELAY);
        HandshakeResult first = answerDials(pm).get(0);
        pm.onUsefulMessage(first.peer());

        time.advance(OutboundPolicy.EXTRA_BLOCK_RELAY_PERIOD);
        List<RecordingActions.Dial> extra = actions.dials.stream().filter(d -> d.purpose() != DialPurpose.FEELER).toList();
        assertThat(extra).extracting(RecordingActions.Dial::purpose).containsExactly(DialPurpose.BLOCK_RELAY);
        actions.dials.removeIf(d -> d.purpose() == DialPurpose.FEELER);
        HandshakeResult second = answerDials(pm).get(0);
        assertThat(pm.stats().blockRelayOutbound()).isEqualTo(2);

        time.advance(OutboundPolicy.MIN_AGE_BEFORE_EVICTION.minusSeconds(2));
        assertThat(rotated()).as("not before it had time to be useful").isEmpty();
        time.advance(Duration.ofSeconds(3));
        assertThat(rotated()).as("the one that never delivered anything goes")
                .extracting(RecordingActions.Disconnect::peer).containsExactly(second.peer());
        pm.onPeerDisconnected(second.peer(), CloseReason.of(DisconnectReason.ROTATED));
        time.advance(Duration.ofSeconds(5));
        assertThat(actions.dials).as("the next extra waits for its turn").noneMatch(d -> d.purpose() == DialPurpose.BLOCK_RELAY);
        assertThat(pm.stats().evictions(EvictionReason.OUTBOUND_SURPLUS)).isEqualTo(1);
        assertThat(pm.stats().blockRelayOutbound()).isEqualTo(1);
    }

    @Test
    void blockRelayPeersTakeNoPartInAddressExchange() {
        PeerManager pm = connectedToBoot(P2pConfig.builder().targetOutbound(1).blockRelayOutbound(1), 2);
        time.advance(Duration.ofSeconds(1));
        HandshakeResult blockRelay = answerDials(pm).get(0);
        assertThat(blockRelay.purpose()).contains(DialPurpose.BLOCK_RELAY);
        int known = pm.addresses().size();
        pm.onMessage(blockRelay.peer(), new AnnounceAddrRequest(peer("127.0.0.1", 31000)));
        pm.onMessage(blockRelay.peer(), new AddrListResponse(List.of(peer("127.0.0.1", 31001))));
        assertThat(pm.addresses()).hasSize(known);
        assertThat(pm.bans()).isEmpty();
    }

    @Test
    void aNodeThatHearsNothingUsefulForHalfAnHourTriesOneMoreFullRelayPeer() {
        PeerManager pm = connectedToBoot(P2pConfig.builder().targetOutbound(2).blockRelayOutbound(0), 50);
        time.advance(Duration.ofSeconds(1));
        List<HandshakeResult> full = answerDials(pm);
        assertThat(full).hasSize(1);
        pm.onUsefulMessage(full.get(0).peer());
        time.advance(OutboundPolicy.STALE_AFTER.minusSeconds(5));
        assertThat(actions.dials).as("feelers only").allMatch(d -> d.purpose() == DialPurpose.FEELER);
        actions.dials.clear();
        time.advance(Duration.ofSeconds(10));
        assertThat(actions.dials).extracting(RecordingActions.Dial::purpose).contains(DialPurpose.OUTBOUND);
        assertThat(pm.stats().fullRelayOutbound()).isEqualTo(3);
    }

    @Test
    void twoOutboundPeersInOneGroupMakeRoomForAPeerFromANewGroup() {
        TransportAddress bootA = tcp("198.51.7.1", 13031);
        TransportAddress bootB = tcp("198.51.9.2", 13031);
        PeerManager pm = manager(P2pConfig.builder().network(Network.MAINNET).targetOutbound(2).blockRelayOutbound(0)
                .bootNode(bootA).bootNode(bootB));
        List<HandshakeResult> boots = answerDials(pm);
        assertThat(boots).hasSize(2);
        pm.onMessage(boots.get(0).peer(), new AddrListResponse(List.of(peer("203.0.113.5", 13031))));
        time.advance(Duration.ofSeconds(1));
        assertThat(actions.dials).as("a third peer, from another group, before letting one go")
                .containsExactly(new RecordingActions.Dial(tcp("203.0.113.5", 13031), DialPurpose.OUTBOUND));
        HandshakeResult fresh = answerDials(pm).get(0);
        time.advance(OutboundPolicy.MIN_AGE_BEFORE_EVICTION.plusSeconds(1));
        assertThat(rotated()).as("the younger of the two in 198.51/16").hasSize(1)
                .extracting(RecordingActions.Disconnect::peer).doesNotContain(fresh.peer());
        assertThat(pm.stats().evictions(EvictionReason.OUTBOUND_SAME_GROUP)).isEqualTo(1);
    }

    @Test
    void addressesLearnedOverTlsAreDialledOverTls() {
        TransportAddress tlsBoot = TransportAddress.of("tls", "127.0.0.1", 40000);
        PeerManager pm = manager(P2pConfig.builder().targetOutbound(3).blockRelayOutbound(0).bootNode(tlsBoot));
        HandshakeResult boot = answerDials(pm).get(0);
        pm.onMessage(boot.peer(), new AddrListResponse(List.of(peer("127.0.0.1", 40001), peer("127.0.0.1", 40002))));
        time.advance(Duration.ofSeconds(1));
        assertThat(actions.dials).extracting(d -> d.address().scheme()).containsOnly("tls").hasSize(2);
        assertThat(pm.addresses()).extracting(e -> e.address().scheme()).containsOnly("tls");
    }

    @Test
    void anOutboundPeerThatStaysIsNeverReplacedWhileNothingIsWrong() {
        PeerManager pm = connectedToBoot(P2pConfig.builder().targetOutbound(3).blockRelayOutbound(0), 20);
        time.advance(Duration.ofSeconds(1));
        List<HandshakeResult> peers = answerDials(pm);
        for (int minute = 0; minute < 25; minute++) {
            peers.forEach(p -> pm.onUsefulMessage(p.peer()));
            time.advance(Duration.ofMinutes(1));
        }
        assertThat(rotated()).isEmpty();
        assertThat(actions.dials).allMatch(d -> d.purpose() == DialPurpose.FEELER);
        assertThat(peers).hasSize(2);
    }

    /**
     * Found on CI: after a partition, a node's boot node was the one address it could still reach;
     * taken as a block-relay peer (no address exchange), it left the node with a book of dead
     * addresses and its boot node unable to learn where the node listens.
     */
    @Test
    void aBootNodeIsNeverTakenAsABlockRelayPeer(@TempDir Path dir) {
        TransportAddress a = tcp("127.0.0.1", 30001);
        PeerManager first = manager(P2pConfig.builder().dataDir(dir).bootNode(BOOT).targetOutbound(1).blockRelayOutbound(0));
        HandshakeResult boot = answerDials(first).get(0);
        first.onMessage(boot.peer(), new AddrListResponse(List.of(peer("127.0.0.1", 30001))));
        time.advance(OutboundOutcomes.STABLE_AFTER);
        first.onPeerDisconnected(boot.peer(), CloseReason.of(DisconnectReason.PEER_CLOSED));
        time.advance(Duration.ofSeconds(1));
        actions.dials.stream().filter(d -> d.address().equals(BOOT))
                .forEach(d -> first.onOutboundFailed(d.address(), d.purpose(), REFUSED));
        actions.dials.clear();
        time.advance(Duration.ofSeconds(1));
        assertThat(actions.dials).containsExactly(new RecordingActions.Dial(a, DialPurpose.OUTBOUND));
        answerDials(first);
        time.advance(OutboundOutcomes.STABLE_AFTER);
        first.stop().join();

        // Restarted: the anchor A takes the one full-relay slot; the boot node is known and free.
        PeerManager pm = manager(P2pConfig.builder().dataDir(dir).bootNode(BOOT).targetOutbound(1).blockRelayOutbound(1));
        assertThat(actions.dials).containsExactly(new RecordingActions.Dial(a, DialPurpose.ANCHOR));
        time.advance(Duration.ofSeconds(5));
        assertThat(actions.dials).as("the boot node is not a block-relay candidate")
                .noneMatch(d -> d.address().equals(BOOT));
        pm.onOutboundFailed(a, DialPurpose.ANCHOR, REFUSED);
        time.advance(Duration.ofSeconds(1));
        assertThat(actions.dials).as("with no full-relay peer left, the boot node is dialled to exchange addresses")
                .contains(new RecordingActions.Dial(BOOT, DialPurpose.BOOT));
    }
}
