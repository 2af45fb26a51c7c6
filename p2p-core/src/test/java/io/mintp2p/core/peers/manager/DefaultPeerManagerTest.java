package io.mintp2p.core.peers.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.config.DiscourageBy;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.peers.AddressBookEntry;
import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.HandshakeResult;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.peers.PeerManager;
import io.mintp2p.core.peers.Verdict;
import io.mintp2p.core.peers.book.AddressBook;
import io.mintp2p.core.peers.discovery.AddressRelay;
import io.mintp2p.core.peers.eviction.InboundPolicy;
import io.mintp2p.core.time.VirtualTimeScheduler;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.AddrListRequest;
import io.mintp2p.core.wire.AddrListResponse;
import io.mintp2p.core.wire.AnnounceAddrRequest;
import io.mintp2p.core.wire.Network;
import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.Services;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer manager's policy on virtual time, against recorded actions. */
class DefaultPeerManagerTest extends PeerManagerTestBase {
    @Test
    void bootNodeIsDialledAskedForAddressesAndLearnedAddressesFillTheTarget() {
        TransportAddress boot = tcp("127.0.0.1", 30000);
        PeerManager pm = manager(P2pConfig.builder().bootNode(boot).targetOutbound(4));
        assertThat(actions.dials).containsExactly(new RecordingActions.Dial(boot, DialPurpose.BOOT));
        HandshakeResult bootPeer = answerDials(pm).get(0);
        assertThat(actions.sentTo(bootPeer.peer())).contains(new AddrListRequest())
                .contains(new AnnounceAddrRequest(peer("127.0.0.1", 23031)));

        List<PeerAddress> learned = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            learned.add(peer("127.0.0.1", 30000 + i));
        }
        pm.onMessage(bootPeer.peer(), new AddrListResponse(learned));
        time.advance(Duration.ofSeconds(1));
        // Three more full-relay peers, and the two block-relay slots, each in a group of its own.
        assertThat(actions.dials).extracting(RecordingActions.Dial::purpose).containsExactlyInAnyOrder(
                DialPurpose.OUTBOUND, DialPurpose.OUTBOUND, DialPurpose.OUTBOUND,
                DialPurpose.BLOCK_RELAY, DialPurpose.BLOCK_RELAY);
        List<HandshakeResult> accepted = answerDials(pm);
        for (HandshakeResult r : accepted) {
            boolean blockRelay = r.purpose().orElseThrow() == DialPurpose.BLOCK_RELAY;
            assertThat(actions.sentTo(r.peer()).contains(new AddrListRequest()))
                    .as("asked %s (%s) for addresses", r.address(), r.purpose().get()).isEqualTo(!blockRelay);
        }
        time.advance(Duration.ofSeconds(5));
        assertThat(actions.dials).as("targets reached: no more dials").isEmpty();
    }

    @Test
    void atMostOneOutboundConnectionPerAddressGroupOnMainnet() {
        PeerManager pm = manager(P2pConfig.builder().network(Network.MAINNET).targetOutbound(4)
                .bootNode(tcp("198.51.100.1", 3031)));
        HandshakeResult boot = answerDials(pm).get(0);
        pm.onMessage(boot.peer(), new AddrListResponse(List.of(peer("203.0.113.1", 3031), peer("203.0.113.2", 3031),
                peer("203.0.113.3", 3031), peer("192.0.2.1", 3031))));
        time.advance(Duration.ofSeconds(1));
        assertThat(actions.dials).extracting(d -> d.address().host())
                .as("one of 203.0.113.x (same /16), and 192.0.2.1").hasSize(2).contains("192.0.2.1");
    }

    @Test
    void privateAddressesAreDroppedOnMainnetAndKeptOnRegtest() {
        PeerManager mainnet = manager(P2pConfig.builder().network(Network.MAINNET).bootNode(tcp("198.51.100.1", 3031)));
        HandshakeResult boot = answerDials(mainnet).get(0);
        time.advance(OutboundOutcomes.STABLE_AFTER);
        mainnet.onMessage(boot.peer(), new AddrListResponse(List.of(peer("10.0.0.5", 3031), peer("127.0.0.1", 3032))));
        assertThat(mainnet.addresses()).extracting(e -> e.address().host()).containsExactly("198.51.100.1");

        PeerManager regtest = manager(P2pConfig.builder().bootNode(tcp("127.0.0.1", 30000)));
        HandshakeResult regBoot = answerDials(regtest).get(0);
        regtest.onMessage(regBoot.peer(), new AddrListResponse(List.of(peer("10.0.0.5", 3031))));
        assertThat(regtest.addresses()).extracting(e -> e.address().host()).contains("10.0.0.5");
    }

    @Test
    void aFullBootNodeThatDropsUsRightAwayIsNotRedialledEverySecond() {
        TransportAddress boot = tcp("127.0.0.1", 30000);
        PeerManager pm = manager(P2pConfig.builder().bootNode(boot).targetOutbound(2));
        int dials = 0;
        for (int second = 0; second < 120; second++) {
            for (HandshakeResult r : answerDials(pm)) {
                dials++;
                // It serves our address request, then lets us go: "full".
                pm.onPeerDisconnected(r.peer(), CloseReason.of(DisconnectReason.PEER_WILL_DISCONNECT,
                        "Too many inbound connections that can't be evicted"));
            }
            time.advance(Duration.ofSeconds(1));
        }
        // Back-off 1, 2, 4 ... 60 s as for a failed dial: a handful in two minutes, not 120.
        assertThat(dials).isBetween(5, 9);
        assertThat(pm.addresses()).as("never tried: it never stayed").allMatch(e -> !e.tried());
    }

    @Test
    void anOutboundPeerThatStaysBecomesTriedAndLeavesBackOff() {
        TransportAddress boot = tcp("127.0.0.1", 30000);
        PeerManager pm = manager(P2pConfig.builder().bootNode(boot).targetOutbound(1));
        answerDials(pm);
        assertThat(pm.addresses()).singleElement().satisfies(e -> assertThat(e.tried()).as("known, not yet tried").isFalse());
        time.advance(OutboundOutcomes.STABLE_AFTER);
        assertThat(pm.addresses()).singleElement().satisfies(e -> {
            assertThat(e.address()).isEqualTo(boot);
            assertThat(e.tried()).isTrue();
        });
    }

    @Test
    void ourOwnAddressesAreNeverStored() {
        TransportAddress boot = tcp("127.0.0.1", 30000);
        PeerManager pm = manager(P2pConfig.builder().bootNode(boot).targetOutbound(1));
        HandshakeResult in = new HandshakeResult(new PeerId(nextPeer++), tcp("127.0.0.1", 45000), Direction.INBOUND,
                Optional.empty(), Optional.empty(), 3, Services.PEER_ADDRESSES, "peer", new SemVer(1, 0, 0),
                Optional.of(peer("127.0.0.1", 23555)));
        pm.onHandshakeCompleted(in);
        HandshakeResult b = answerDials(pm).get(0);
        pm.onMessage(b.peer(), new AddrListResponse(List.of(peer("127.0.0.1", 23031), peer("127.0.0.1", 23555),
                peer("127.0.0.1", 30002))));
        assertThat(pm.addresses()).extracting(e -> e.address().port())
                .as("our listen address and the one an inbound peer reached us at are not stored").containsExactlyInAnyOrder(30000, 30002);
    }

    @Test
    void moreReservedPeersThanTheOutboundTargetAreAllKept() {
        PeerManager pm = manager(P2pConfig.builder().targetOutbound(1).blockRelayOutbound(0)
                .reservedPeer(tcp("127.0.0.1", 30001)).reservedPeer(tcp("127.0.0.1", 30002)));
        assertThat(answerDials(pm)).hasSize(2);
        time.advance(Duration.ofMinutes(5));
        assertThat(actions.disconnects).as("reserved peers are never surplus, and the tick does not fail").isEmpty();
    }

    @Test
    void failingAddressBacksOffInsteadOfHotLooping() {
        TransportAddress dead = tcp("127.0.0.1", 39999);
        PeerManager pm = manager(P2pConfig.builder().reservedPeer(dead));
        int attempts = 0;
        for (int second = 0; second < 600; second++) {
            for (RecordingActions.Dial d : new ArrayList<>(actions.dials)) {
                pm.onOutboundFailed(d.address(), d.purpose(), REFUSED);
                attempts++;
            }
            actions.dials.clear();
            time.advance(Duration.ofSeconds(1));
        }
        // A reserved peer backs off 1, 2, 4 ... 60 s: about 15 tries in ten minutes, never one a second.
        assertThat(attempts).isBetween(10, 20);
    }

    @Test
    void learnedAddressBacksOffUpToTenMinutes() {
        PeerManager pm = manager(P2pConfig.builder().targetOutbound(1).bootNode(tcp("127.0.0.1", 30000)));
        HandshakeResult boot = answerDials(pm).get(0);
        pm.onMessage(boot.peer(), new AddrListResponse(List.of(peer("127.0.0.1", 39998))));
        pm.onPeerDisconnected(boot.peer(), CloseReason.of(DisconnectReason.PEER_CLOSED));
        TransportAddress learned = tcp("127.0.0.1", 39998);
        List<Integer> attempts = new ArrayList<>();
        for (int second = 0; second < 1200; second++) {
            for (RecordingActions.Dial d : new ArrayList<>(actions.dials)) {
                if (d.address().equals(learned)) {
                    attempts.add(second);
                }
                pm.onOutboundFailed(d.address(), d.purpose(), REFUSED);
            }
            actions.dials.clear();
            time.advance(Duration.ofSeconds(1));
        }
        // It is forgotten after 3 failures, and taken back only because there is nothing else to
        // dial (the boot node is down too): its dials are the back-off's, each gap at least the one
        // before (1, 2, 4 ... up to 600 s), never every second.
        assertThat(attempts).hasSizeBetween(3, 12);
        for (int i = 2; i < attempts.size(); i++) {
            assertThat(attempts.get(i) - attempts.get(i - 1)).as("gaps %s", attempts)
                    .isGreaterThanOrEqualTo(attempts.get(i - 1) - attempts.get(i - 2));
        }
        assertThat(attempts.get(attempts.size() - 1) - attempts.get(attempts.size() - 2)).isGreaterThanOrEqualTo(300);
    }

    /**
     * Found on CI: in a partition every node forgot the other side's addresses (they kept failing),
     * and after the heal gossip could not bring them back for an hour. The node's own announcement,
     * from the address it announces, does.
     */
    @Test
    void anAddressForgottenInAPartitionComesBackWhenItsNodeAnnouncesItself() {
        TransportAddress other = tcp("127.0.0.7", 30001);
        PeerManager pm = manager(P2pConfig.builder().targetOutbound(1).blockRelayOutbound(0).bootNode(tcp("127.0.0.1", 30000)));
        learnFromTheBootNodeThenFailEveryDialForAMinute(pm, other);

        HandshakeResult third = inbound("127.0.0.3", 40000, pm);
        assertThat(pm.onHandshakeCompleted(third).kind()).isEqualTo(Verdict.Kind.ACCEPT);
        pm.onMessage(third.peer(), new AnnounceAddrRequest(peer("127.0.0.7", 30001)));
        assertThat(pm.addresses()).as("another node's word").extracting(AddressBookEntry::address).doesNotContain(other);

        HandshakeResult itself = inbound("127.0.0.7", 51234, pm);
        assertThat(pm.onHandshakeCompleted(itself).kind()).isEqualTo(Verdict.Kind.ACCEPT);
        pm.onMessage(itself.peer(), new AnnounceAddrRequest(peer("127.0.0.7", 30001)));
        assertThat(pm.addresses()).as("its own, from there").extracting(AddressBookEntry::address).contains(other);
    }

    /**
     * Found on CI: after a heal a node short of one outbound peer was answered the addresses of the
     * nodes it could reach, all forgotten during the partition, and those nodes had no reason to
     * dial it and announce themselves. It stayed short for an hour. An answer it asked for while
     * short takes them back; an answer while at the target does not.
     */
    @Test
    void aForgottenAddressComesBackFromAnAnswerOnlyWhileShortOfOutboundPeers() {
        TransportAddress other = tcp("127.0.0.7", 30001);
        PeerManager pm = twoSlotsAndForgotten(other);

        HandshakeResult first = outboundTo(pm, tcp("127.0.0.2", 30002), DialPurpose.OUTBOUND);
        HandshakeResult second = outboundTo(pm, tcp("127.0.0.3", 30003), DialPurpose.OUTBOUND);
        pm.onMessage(second.peer(), new AddrListResponse(List.of(peer("127.0.0.7", 30001))));
        assertThat(pm.addresses()).as("answered at the target").extracting(AddressBookEntry::address)
                .doesNotContain(other);

        pm.onPeerDisconnected(first.peer(), CloseReason.of(DisconnectReason.PEER_CLOSED));
        HandshakeResult third = outboundTo(pm, tcp("127.0.0.4", 30004), DialPurpose.OUTBOUND);
        pm.onPeerDisconnected(second.peer(), CloseReason.of(DisconnectReason.PEER_CLOSED));
        pm.onMessage(third.peer(), new AddrListResponse(List.of(peer("127.0.0.7", 30001))));
        assertThat(pm.addresses()).as("answered while short").extracting(AddressBookEntry::address).contains(other);
    }

    /**
     * The other way out of the same corner: the node got its answers while it had its peers, lost
     * one later, and has nothing left to dial but its connected boot node. A forgotten address is
     * taken back on probation and dialled.
     */
    @Test
    void withNothingElseToDialAForgottenAddressIsTakenBackAndDialled() {
        TransportAddress other = tcp("127.0.0.7", 30001);
        PeerManager pm = twoSlotsAndForgotten(other);
        int dialsOfOther = 0;
        for (int second = 0; second < 600 && dialsOfOther == 0; second++) {
            time.advance(Duration.ofSeconds(1));
            for (RecordingActions.Dial d : new ArrayList<>(actions.dials)) {
                if (d.address().equals(other)) {
                    dialsOfOther++;
                } else {
                    pm.onHandshakeCompleted(handshake(d.address(), Direction.OUTBOUND, Optional.of(d.purpose())));
                }
            }
            actions.dials.clear();
        }
        assertThat(dialsOfOther).as("dialled again within ten minutes, not an hour").isEqualTo(1);
        assertThat(pm.addresses()).extracting(AddressBookEntry::address).contains(other);
    }

    /**
     * The boot node answers with {@code other}, then goes, and every dial fails for a minute (a
     * partition): {@code other} is forgotten.
     */
    private void learnFromTheBootNodeThenFailEveryDialForAMinute(PeerManager pm, TransportAddress other) {
        HandshakeResult boot = answerDials(pm).get(0);
        pm.onMessage(boot.peer(), new AddrListResponse(List.of(peer(other.host(), other.port()))));
        pm.onPeerDisconnected(boot.peer(), CloseReason.of(DisconnectReason.PEER_CLOSED));
        for (int second = 0; second < 60; second++) {
            for (RecordingActions.Dial d : new ArrayList<>(actions.dials)) {
                pm.onOutboundFailed(d.address(), d.purpose(), REFUSED);
            }
            actions.dials.clear();
            time.advance(Duration.ofSeconds(1));
        }
        assertThat(pm.addresses()).extracting(AddressBookEntry::address).doesNotContain(other);
    }

    /** A manager with two full-relay slots and a boot node, after {@link #learnFromTheBootNodeThenFailEveryDialForAMinute}. */
    private PeerManager twoSlotsAndForgotten(TransportAddress other) {
        PeerManager pm = manager(P2pConfig.builder().targetOutbound(2).blockRelayOutbound(0)
                .bootNode(tcp("127.0.0.1", 30000)));
        learnFromTheBootNodeThenFailEveryDialForAMinute(pm, other);
        return pm;
    }

    /** An outbound connection handshaken whether or not the manager dialled it: the peer it becomes. */
    private HandshakeResult outboundTo(PeerManager pm, TransportAddress address, DialPurpose purpose) {
        HandshakeResult r = handshake(address, Direction.OUTBOUND, Optional.of(purpose));
        assertThat(pm.onHandshakeCompleted(r).kind()).isEqualTo(Verdict.Kind.ACCEPT);
        return r;
    }

    @Test
    void anAnswerHoldsAtMostItsShareOfABigBookAndAllOfASmallOne() {
        List<PeerAddress> list = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            list.add(peer("10.2." + i / 250 + "." + (1 + i % 250), 3031));
        }
        PeerManager pm = manager(P2pConfig.builder().bootNode(tcp("127.0.0.1", 30000)));
        pm.onMessage(answerDials(pm).get(0).peer(), new AddrListResponse(list.subList(0, 50)));
        HandshakeResult early = inbound("127.0.0.1", 40001, pm);
        pm.onHandshakeCompleted(early);
        pm.onMessage(early.peer(), new AddrListRequest());
        assertThat(actions.sentTo(early.peer())).singleElement()
                .satisfies(m -> assertThat(((AddrListResponse) m).addresses()).hasSize(pm.addresses().size()));

        PeerManager big = manager(P2pConfig.builder().bootNode(tcp("127.0.0.1", 30000)));
        big.onMessage(answerDials(big).get(0).peer(), new AddrListResponse(list));
        HandshakeResult asker = inbound("127.0.0.1", 40002, big);
        big.onHandshakeCompleted(asker);
        big.onMessage(asker.peer(), new AddrListRequest());
        int share = big.addresses().size() * AddressRelay.ANSWER_PERCENT / 100;
        assertThat(share).isGreaterThan(AddressRelay.ANSWER_FLOOR);
        assertThat(actions.sentTo(asker.peer())).singleElement()
                .satisfies(m -> assertThat(((AddrListResponse) m).addresses()).hasSize(share));
    }

    @Test
    void inboundOverTheMaximumIsServedOnceAndLetGo() {
        // One inbound slot: its peer is protected (the only one of its group), so nobody can be evicted.
        PeerManager pm = manager(P2pConfig.builder().maxInbound(1));
        assertThat(pm.onHandshakeCompleted(inbound("127.0.0.1", 40001, pm)).kind()).isEqualTo(Verdict.Kind.ACCEPT);
        HandshakeResult third = inbound("127.0.0.1", 40003, pm);
        Verdict v = pm.onHandshakeCompleted(third);
        assertThat(v.kind()).isEqualTo(Verdict.Kind.SERVE_ADDRESSES_THEN_DISCONNECT);
        assertThat(v.closeReason().code()).isEqualTo(DisconnectReason.INBOUND_FULL);
        pm.onMessage(third.peer(), new AddrListRequest());
        assertThat(actions.sentTo(third.peer())).singleElement().isInstanceOf(AddrListResponse.class);
    }

    @Test
    void crowdedAddressGroupLosesItsYoungestPeerToANewcomer() {
        PeerManager pm = manager(P2pConfig.builder().network(Network.MAINNET).maxInbound(4));
        List<HandshakeResult> peers = new ArrayList<>();
        for (String ip : List.of("198.51.100.1", "203.0.113.1", "203.0.113.2", "203.0.113.3")) {
            HandshakeResult r = inbound(ip, 5000, pm);
            assertThat(pm.onHandshakeCompleted(r).kind()).isEqualTo(Verdict.Kind.ACCEPT);
            peers.add(r);
            time.advance(InboundPolicy.MIN_AGE_BEFORE_EVICTION);
        }
        Verdict v = pm.onHandshakeCompleted(inbound("192.0.2.9", 5000, pm));
        assertThat(v.kind()).isEqualTo(Verdict.Kind.ACCEPT);
        assertThat(actions.disconnects).containsExactly(new RecordingActions.Disconnect(peers.get(3).peer(), DisconnectReason.EVICTED));
    }

    @Test
    void newcomersAtAFullNodeDoNotEvictEachOtherBeforeTheyAreServed() {
        PeerManager pm = manager(P2pConfig.builder().network(Network.MAINNET).maxInbound(2));
        assertThat(pm.onHandshakeCompleted(inbound("198.51.100.1", 5000, pm)).kind()).isEqualTo(Verdict.Kind.ACCEPT);
        time.advance(Duration.ofMinutes(5));
        assertThat(pm.onHandshakeCompleted(inbound("203.0.113.1", 5000, pm)).kind()).isEqualTo(Verdict.Kind.ACCEPT);
        time.advance(Duration.ofSeconds(1));
        assertThat(pm.onHandshakeCompleted(inbound("192.0.2.9", 5000, pm)).kind())
                .as("the only evictable peer is a second old: the newcomer is served and let go")
                .isEqualTo(Verdict.Kind.SERVE_ADDRESSES_THEN_DISCONNECT);
        assertThat(actions.disconnects).isEmpty();
    }

    @Test
    void addressRequestsAreAnsweredOnceAndOnlyForInboundPeers() {
        PeerManager pm = manager(P2pConfig.builder().bootNode(tcp("127.0.0.1", 30000)));
        HandshakeResult outbound = answerDials(pm).get(0);
        HandshakeResult in = inbound("127.0.0.1", 40001, pm);
        pm.onHandshakeCompleted(in);
        pm.onMessage(in.peer(), new AddrListRequest());
        pm.onMessage(in.peer(), new AddrListRequest());
        pm.onMessage(outbound.peer(), new AddrListRequest());
        assertThat(actions.sentTo(in.peer())).hasSize(1);
        assertThat(actions.sentTo(outbound.peer())).noneMatch(m -> m instanceof AddrListResponse);
    }

    @Test
    void unsolicitedAddressListsAddUpToDiscouragementOfTheIp() {
        PeerManager pm = manager(P2pConfig.builder().network(Network.MAINNET).discourageBy(DiscourageBy.IP));
        HandshakeResult in = inbound("203.0.113.7", 5000, pm);
        HandshakeResult sibling = inbound("203.0.113.7", 5001, pm);
        pm.onHandshakeCompleted(in);
        pm.onHandshakeCompleted(sibling);
        for (int i = 0; i < 4; i++) {
            pm.onMessage(in.peer(), new AddrListResponse(List.of()));
        }
        assertThat(actions.disconnects).isEmpty();
        pm.onMessage(in.peer(), new AddrListResponse(List.of()));
        assertThat(actions.disconnects).extracting(RecordingActions.Disconnect::peer)
                .as("5 x 20 = 100: every connection of that IP goes").containsExactlyInAnyOrder(in.peer(), sibling.peer());
        assertThat(pm.bans()).singleElement().satisfies(b -> assertThat(b.manual()).isFalse());
    }

    @Test
    void whitelistedLoopbackIsNeverDiscouragedByIp() {
        PeerManager pm = manager(P2pConfig.builder().whitelistLoopback(true).discourageBy(DiscourageBy.IP));
        pm.onMisbehaviour(Optional.empty(), TransportAddress.of("tcp", "127.0.0.1", 40000), Optional.empty(), 100,
                CloseReason.of(DisconnectReason.DECODE_ERROR));
        assertThat(pm.bans()).isEmpty();
    }

    @Test
    void banDisconnectsAndRefusesUntilUnbanned() throws Exception {
        PeerManager pm = manager(P2pConfig.builder().network(Network.MAINNET));
        HandshakeResult in = inbound("203.0.113.7", 5000, pm);
        pm.onHandshakeCompleted(in);
        pm.ban(InetAddress.getByName("203.0.113.7"), Duration.ofHours(1), "spam");
        assertThat(actions.disconnects).containsExactly(new RecordingActions.Disconnect(in.peer(), DisconnectReason.BANNED));
        assertThat(pm.isBanned(InetAddress.getByName("203.0.113.7"))).isTrue();
        assertThat(pm.isBanned(InetAddress.getByName("203.0.113.8"))).as("IPv4 bans are per address").isFalse();
        pm.unban(InetAddress.getByName("203.0.113.7"));
        assertThat(pm.isBanned(InetAddress.getByName("203.0.113.7"))).isFalse();
    }

    @Test
    void banExpires() throws Exception {
        PeerManager pm = manager(P2pConfig.builder());
        pm.ban(InetAddress.getByName("192.0.2.1"), Duration.ofMinutes(5), "test");
        assertThat(pm.bans()).hasSize(1);
        time.advance(Duration.ofMinutes(5));
        assertThat(pm.bans()).isEmpty();
    }

    @Test
    void announcementsAreRateLimitedAndRelayedOnceToTwoPeers() {
        PeerManager pm = manager(P2pConfig.builder());
        List<HandshakeResult> peers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HandshakeResult r = inbound("127.0.0.1", 41000 + i, pm);
            pm.onHandshakeCompleted(r);
            peers.add(r);
        }
        PeerId announcer = peers.get(0).peer();
        pm.onMessage(announcer, new AnnounceAddrRequest(peer("127.0.0.1", 50001)));
        pm.onMessage(announcer, new AnnounceAddrRequest(peer("127.0.0.1", 50002)));
        long relays = actions.sent.stream().filter(s -> s.message() instanceof AnnounceAddrRequest).count();
        assertThat(relays).as("the first is relayed to two peers; the second is over the rate").isEqualTo(2);
        assertThat(actions.sentTo(announcer)).isEmpty();

        time.advance(Duration.ofSeconds(10));
        pm.onMessage(peers.get(1).peer(), new AnnounceAddrRequest(peer("127.0.0.1", 50001)));
        assertThat(actions.sent.stream().filter(s -> s.message() instanceof AnnounceAddrRequest).count())
                .as("an address relayed recently is not relayed again").isEqualTo(2);
    }

    @Test
    void aThirdPartysNewsGoesOnLessOftenAsTheBookGrows() {
        PeerManager pm = manager(P2pConfig.builder().bootNode(tcp("127.0.0.1", 30000)));
        HandshakeResult bootPeer = answerDials(pm).get(0);
        List<HandshakeResult> peers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HandshakeResult r = inbound("127." + (1 + i) + ".0.1", 41000, pm);
            pm.onHandshakeCompleted(r);
            peers.add(r);
        }
        actions.sent.clear();
        pm.onMessage(peers.get(0).peer(), new AnnounceAddrRequest(peer("10.250.0.1", 3031)));
        assertThat(relays()).as("a small book passes a third party's news on to two peers").isEqualTo(2);

        List<PeerAddress> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            for (int j = 1; j <= 5; j++) {
                many.add(peer("10." + i + "." + j + ".1", 3031));
            }
        }
        pm.onMessage(bootPeer.peer(), new AddrListResponse(many));
        int bookBefore = pm.addresses().size();
        assertThat(bookBefore).as("the book is well past the size that floods").isGreaterThan(4 * 128);
        actions.sent.clear();
        for (int k = 0; k < 200; k++) {
            time.advance(Duration.ofSeconds(10));
            pm.onMessage(peers.get(k % 4).peer(), new AnnounceAddrRequest(peer("10." + k + ".250.1", 3031)));
        }
        int news = pm.addresses().size() - bookBefore;
        long relayed = relays();
        assertThat(news).as("most announcements were news").isGreaterThan(100);
        assertThat(relayed).as("%d of %d news went on to two peers each", relayed / 2, news)
                .isPositive().isLessThan(news / 2);

        pm.onMessage(peers.get(1).peer(), new AnnounceAddrRequest(peer("127.2.0.1", 50002)));
        assertThat(relays()).as("an owner's own announcement always goes on to two peers").isEqualTo(relayed + 2);
    }

    private long relays() {
        return actions.sent.stream().filter(s -> s.message() instanceof AnnounceAddrRequest).count();
    }

    @Test
    void secondAddressListIsUnsolicited() {
        PeerManager pm = manager(P2pConfig.builder().network(Network.MAINNET).bootNode(tcp("198.51.100.1", 3031)));
        HandshakeResult boot = answerDials(pm).get(0);
        pm.onMessage(boot.peer(), new AddrListResponse(List.of(peer("203.0.113.1", 3031))));
        pm.onMessage(boot.peer(), new AddrListResponse(List.of(peer("192.0.2.1", 3031))));
        assertThat(pm.addresses()).extracting(e -> e.address().host()).doesNotContain("192.0.2.1");
    }

    @Test
    void theAddressBookHasTheTablesTheConfigAsksFor() {
        List<PeerAddress> list = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            list.add(peer("10.1." + i / 250 + "." + (1 + i % 250), 3031));
        }
        PeerManager big = manager(P2pConfig.builder().bootNode(tcp("127.0.0.1", 30000)));
        big.onMessage(answerDials(big).get(0).peer(), new AddrListResponse(list));
        PeerManager small = manager(P2pConfig.builder().bootNode(tcp("127.0.0.1", 30000)).addressBookBuckets(16, 8));
        small.onMessage(answerDials(small).get(0).peer(), new AddrListResponse(list));

        // Private addresses on regtest are a group each: only the tables bound what one peer adds.
        assertThat(big.addresses()).as("64 of 1024 buckets for one source").hasSizeGreaterThan(500);
        assertThat(small.addresses()).as("1 of 16 buckets for one source (and the boot node)")
                .hasSizeLessThanOrEqualTo(AddressBook.BUCKET_SIZE + 1);
    }

    @Test
    void addressBookAndBansSurviveARestart(@TempDir Path dir) throws Exception {
        PeerManager pm = manager(P2pConfig.builder().dataDir(dir).bootNode(tcp("127.0.0.1", 30000)));
        HandshakeResult boot = answerDials(pm).get(0);
        pm.onMessage(boot.peer(), new AddrListResponse(List.of(peer("127.0.0.1", 30001))));
        pm.ban(InetAddress.getByName("192.0.2.1"), Duration.ofHours(1), "test");
        time.advance(OutboundOutcomes.STABLE_AFTER);
        pm.stop().join();

        PeerManager again = manager(P2pConfig.builder().dataDir(dir));
        assertThat(again.addresses()).extracting(e -> e.address().port()).contains(30000, 30001);
        assertThat(again.addresses()).filteredOn(e -> e.address().port() == 30000).singleElement()
                .satisfies(e -> assertThat(e.tried()).isTrue());
        assertThat(again.bans()).extracting(b -> b.address().getHostAddress()).containsExactly("192.0.2.1");
    }

    @Test
    void banAndUnbanAreOnDiskWhenTheirFuturesComplete(@TempDir Path dir) throws Exception {
        PeerManager pm = manager(P2pConfig.builder().dataDir(dir));
        pm.ban(InetAddress.getByName("192.0.2.9"), Duration.ofHours(1), "test").join();
        assertThat(Files.readString(dir.resolve("bans.txt"))).contains("192.0.2.9\t");
        pm.unban(InetAddress.getByName("192.0.2.9")).join();
        assertThat(Files.readString(dir.resolve("bans.txt"))).doesNotContain("192.0.2.9");
        pm.stop().join();
    }

    @Test
    void aRestartDialsItsAnchorsFirstAndNotTheBootNodes(@TempDir Path dir) throws Exception {
        TransportAddress boot = tcp("127.0.0.1", 30000);
        PeerManager pm = manager(P2pConfig.builder().dataDir(dir).bootNode(boot).targetOutbound(2));
        HandshakeResult bootPeer = answerDials(pm).get(0);
        pm.onMessage(bootPeer.peer(), new AddrListResponse(List.of(peer("127.0.0.1", 30001))));
        time.advance(Duration.ofSeconds(2));
        answerDials(pm);
        time.advance(OutboundOutcomes.STABLE_AFTER);
        pm.stop().join();

        manager(P2pConfig.builder().dataDir(dir).bootNode(boot).targetOutbound(2));
        assertThat(actions.dials).extracting(RecordingActions.Dial::purpose).containsOnly(DialPurpose.ANCHOR);
        assertThat(actions.dials).extracting(RecordingActions.Dial::address)
                .containsExactlyInAnyOrder(boot, tcp("127.0.0.1", 30001));
    }

    @Test
    void anUnreadableAnchorFileIsSetAsideAndTheBootNodesAreDialled(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("anchors.txt"), "mintp2p-anchors v1\nnot an address\n");
        TransportAddress boot = tcp("127.0.0.1", 30000);
        manager(P2pConfig.builder().dataDir(dir).bootNode(boot));
        assertThat(actions.dials).extracting(RecordingActions.Dial::purpose).containsExactly(DialPurpose.BOOT);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(n -> n.startsWith("anchors.txt.corrupt"));
        }
    }

    @Test
    void damagedStateFilesAreSetAsideNotFatal(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("peers.txt"), "mintp2p-addresses v1\ntcp://127.0.0.1:1\tgarbage\n");
        Files.writeString(dir.resolve("bans.txt"), "something else entirely");
        Files.writeString(dir.resolve("peers.txt.tmp"), "half-written by a crash");
        PeerManager pm = manager(P2pConfig.builder().dataDir(dir));
        assertThat(pm.addresses()).isEmpty();
        assertThat(pm.bans()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("peers.txt.corrupt-")).anyMatch(n -> n.startsWith("bans.txt.corrupt-"));
        }
        pm.stop().join();
        assertThat(Files.readString(dir.resolve("peers.txt"))).startsWith("mintp2p-addresses v2");
    }

    @Test
    void feelerIsClosedAfterItsHandshakeAndMarksTheAddressTried() {
        PeerManager pm = manager(P2pConfig.builder());
        HandshakeResult feeler = handshake(tcp("127.0.0.1", 30005), Direction.OUTBOUND, Optional.of(DialPurpose.FEELER));
        Verdict v = pm.onHandshakeCompleted(feeler);
        assertThat(v).isEqualTo(Verdict.reject(DisconnectReason.FEELER));
        assertThat(pm.addresses()).singleElement().satisfies(e -> assertThat(e.tried()).isTrue());
    }
}
