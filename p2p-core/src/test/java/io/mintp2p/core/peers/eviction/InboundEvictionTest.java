package io.mintp2p.core.peers.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.peers.AddressGroup;
import io.mintp2p.core.peers.HandshakeResult;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.peers.connections.ConnectedPeer;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.SemVer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InboundEvictionTest {
    private final InboundEviction eviction = new InboundEviction(new GroupOrder(42));
    private long nextId = 1;
    /** Long after every peer of the older tests connected: no one is in the newcomers' grace. */
    private static final long LATER = 3_600_000;

    private ConnectedPeer peer(String ip, long connectedAt) {
        HandshakeResult r = new HandshakeResult(new PeerId(nextId++), TransportAddress.of("tcp", ip, 40000),
                Direction.INBOUND, Optional.empty(), Optional.empty(), 3, 1, "p", new SemVer(1, 0, 0), Optional.empty());
        return new ConnectedPeer(r, AddressGroup.of(r.address(), false), connectedAt, true);
    }

    @Test
    void attackersInAsManyGroupsAsSlotsCannotHoldThemAll() {
        List<ConnectedPeer> inbound = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            inbound.add(peer((11 + i) + ".1.2.3", 1000 + i));
        }
        Optional<ConnectedPeer> victim = eviction.choose(inbound, p -> false, "v4:100.100", LATER, p -> true);
        assertThat(victim).as("a victim is found although every group holds one peer").isPresent();
        assertThat(victim.get().connectedAtMillis).as("from the younger half").isGreaterThanOrEqualTo(1032);
    }

    @Test
    void longLivedUsefulAndFastPeersAreNeverEvicted() {
        List<ConnectedPeer> inbound = new ArrayList<>();
        List<ConnectedPeer> valued = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ConnectedPeer useful = peer("198.51." + i + ".1", 5000 + i);
            useful.markUseful(9000 + i);
            valued.add(useful);
        }
        for (int i = 0; i < 8; i++) {
            ConnectedPeer fast = peer("192.0." + i + ".1", 6000 + i);
            fast.recordPing(1);
            valued.add(fast);
        }
        inbound.addAll(valued);
        for (int i = 0; i < 52; i++) {
            ConnectedPeer attacker = peer((11 + i) + ".9.9.9", 7000 + i);
            attacker.recordPing(50);
            inbound.add(attacker);
        }
        for (int round = 0; round < 40; round++) {
            ConnectedPeer victim = eviction.choose(inbound, p -> false, "v4:100.100", LATER, p -> true).orElseThrow();
            assertThat(valued).doesNotContain(victim);
            inbound.remove(victim);
            inbound.add(peer((100 + round) + ".7.7.7", 8000 + round));
        }
    }

    @Test
    void theLargestGroupLosesItsYoungest() {
        List<ConnectedPeer> inbound = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inbound.add(peer((20 + i) + ".0.0.1", i));
        }
        for (int i = 0; i < 10; i++) {
            inbound.add(peer("203.0.113." + (i + 1), 100 + i));
        }
        ConnectedPeer victim = eviction.choose(inbound, p -> false, "v4:100.100", LATER, p -> true).orElseThrow();
        assertThat(victim.address.host()).isEqualTo("203.0.113.10");
    }

    @Test
    void aFloodingGroupLosesItsYoungestEvenWhenTheYoungestPeerIsHonest() {
        List<ConnectedPeer> inbound = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inbound.add(peer("203.0.113." + (i + 1), 10 + i));
        }
        inbound.add(peer("192.0.2.1", 1));
        inbound.add(peer("198.51.100.1", 2));
        ConnectedPeer honestNewcomer = peer("100.64.0.1", 99);
        inbound.add(honestNewcomer);
        ConnectedPeer victim = eviction.choose(inbound, p -> false, "v4:100.100", LATER, p -> true).orElseThrow();
        assertThat(victim.address.host()).as("the flood's group holds the most connections").startsWith("203.0.113.");
    }

    @Test
    void aDiscouragedPeerGoesFirst() {
        List<ConnectedPeer> inbound = new ArrayList<>(List.of(peer("192.0.2.1", 1), peer("192.0.2.2", 2)));
        ConnectedPeer bad = peer("198.51.100.7", 0);
        inbound.add(bad);
        assertThat(eviction.choose(inbound, p -> p == bad, "v4:100.100", LATER, p -> true)).contains(bad);
    }

    @Test
    void nobodyToEvictWhenEveryPeerIsProtected() {
        assertThat(eviction.choose(new ArrayList<>(List.of(peer("192.0.2.1", 1))), p -> false, "v4:100.100", LATER, p -> true)).isEmpty();
        assertThat(eviction.choose(new ArrayList<>(), p -> false, "v4:100.100", LATER, p -> true)).isEmpty();
    }

    @Test
    void aSmallNodeCanEvictTooProtectionsCoverAtMostAnEighth() {
        List<ConnectedPeer> inbound = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ConnectedPeer honest = peer((30 + i) + ".0.0.1", 100 + i);
            honest.recordPing(5);
            inbound.add(honest);
        }
        for (int i = 0; i < 3; i++) {
            ConnectedPeer attacker = peer("203.0.113." + (i + 1), i);
            attacker.recordPing(1);
            inbound.add(attacker);
        }
        ConnectedPeer victim = eviction.choose(inbound, p -> false, "v4:100.100", LATER, p -> true).orElseThrow();
        assertThat(victim.address.host()).as("8 slots, all with pings: the crowded group still loses one")
                .startsWith("203.0.113.");
    }

    @Test
    void anHonestNewcomerIsNotTheNextNewcomersVictim() {
        List<ConnectedPeer> inbound = new ArrayList<>();
        for (int i = 0; i < 63; i++) {
            ConnectedPeer attacker = peer((11 + i) + ".1.2.3", 1000 + i);
            attacker.recordPing(1);
            attacker.markUseful(50_000);
            inbound.add(attacker);
        }
        long now = 600_000;
        ConnectedPeer newcomer = peer("150.0.0.1", now - 60_000);
        inbound.add(newcomer);
        ConnectedPeer victim = eviction.choose(inbound, p -> false, "v4:151.0", now, p -> true).orElseThrow();
        assertThat(victim).as("the newcomer of a minute ago is in its grace; an older peer goes").isNotSameAs(newcomer);
        assertThat(victim.connectedAtMillis).isLessThan(now - InboundEviction.NEWCOMER_GRACE_MILLIS);
    }

    @Test
    void theGraceShieldsOnlyTheFirstFewArrivalsSoAStreamOfConnectionsCannotHoldIt() {
        List<ConnectedPeer> inbound = new ArrayList<>();
        long now = 1_000_000;
        for (int i = 0; i < 64; i++) {
            inbound.add(peer((11 + i) + ".1.2.3", now - 200_000 + i * 1000L)); // all within the grace
        }
        List<ConnectedPeer> earliest = List.copyOf(inbound.subList(0, InboundEviction.PROTECT_NEWCOMERS));
        ConnectedPeer victim = eviction.choose(inbound, p -> false, "v4:200.0", now, p -> true).orElseThrow();
        assertThat(earliest).as("the first arrivals keep their grace").doesNotContain(victim);
        assertThat(victim.connectedAtMillis).as("one of the younger half of the rest goes")
                .isGreaterThan(inbound.get(31).connectedAtMillis);
    }

    @Test
    void anEvicteeThatCameBackHasNoGrace() {
        List<ConnectedPeer> inbound = new ArrayList<>();
        long now = 1_000_000;
        for (int i = 0; i < 63; i++) {
            inbound.add(peer((11 + i) + ".1.2.3", 1000 + i));
        }
        ConnectedPeer returned = peer("150.0.0.1", now - 30_000);
        inbound.add(returned);
        assertThat(eviction.choose(inbound, p -> false, "v4:151.0", now, p -> p != returned))
                .as("the youngest goes when it is an evictee that redialled").contains(returned);
    }

    @Test
    void recentEvictionsAreBoundedInHostsAndTime() {
        RecentEvictions recent = new RecentEvictions();
        for (int i = 0; i < RecentEvictions.MAX_HOSTS * 4; i++) {
            recent.add("10.0." + (i / 256) + "." + (i % 256), i);
        }
        assertThat(recent.size()).isEqualTo(RecentEvictions.MAX_HOSTS);
        assertThat(recent.contains("10.0.0.0", 2000)).as("the oldest forgotten first").isFalse();
        String newest = "10.0.3.255";
        assertThat(recent.contains(newest, 2000)).isTrue();
        assertThat(recent.contains(newest, 1023 + RecentEvictions.REMEMBERED_MILLIS)).as("and after its time").isFalse();
    }
}
