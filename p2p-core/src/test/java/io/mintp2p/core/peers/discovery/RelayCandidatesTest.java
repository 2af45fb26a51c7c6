package io.mintp2p.core.peers.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.HandshakeResult;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.peers.connections.ConnectedPeer;
import io.mintp2p.core.peers.connections.PeerTable;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.Services;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RelayCandidatesTest {
    private static final PeerAddress ANNOUNCED = PeerAddress.ipv4(0x0B000001, 3031);
    private final PeerTable table = new PeerTable(TransportAddress::host);
    private long nextId = 1;

    private ConnectedPeer peer(String scheme, DialPurpose purpose, long services, boolean counted) {
        Direction direction = purpose == null ? Direction.INBOUND : Direction.OUTBOUND;
        HandshakeResult r = new HandshakeResult(new PeerId(nextId), TransportAddress.of(scheme, "10.0.0." + nextId++, 1),
                direction, Optional.ofNullable(purpose), Optional.empty(), 3, services, "peer",
                new SemVer(1, 0, 0), Optional.empty());
        ConnectedPeer p = new ConnectedPeer(r, r.address().host(), 0, counted);
        table.add(p);
        return p;
    }

    /** The plain way: the candidates in table order in a list, taken out one random index at a time. */
    private List<ConnectedPeer> byList(ConnectedPeer from, SplittableRandom random, int fanout) {
        List<ConnectedPeer> candidates = new ArrayList<>();
        for (ConnectedPeer p : table.all()) {
            if (p != from && p.counted && p.exchangesAddresses() && Services.has(p.services, Services.PEER_ADDRESSES)
                    && p.address.scheme().equals(from.address.scheme())) {
                candidates.add(p);
            }
        }
        List<ConnectedPeer> chosen = new ArrayList<>();
        for (int i = 0; i < fanout; i++) {
            chosen.add(candidates.isEmpty() ? null : candidates.remove(random.nextInt(candidates.size())));
        }
        return chosen;
    }

    @Test
    void picksWhatTakingFromAListWouldForTheSameRandomAndSkipsPeersThatDoNotRelay() {
        SplittableRandom layout = new SplittableRandom(7);
        List<ConnectedPeer> peers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int kind = layout.nextInt(6);
            DialPurpose purpose = kind == 1 ? DialPurpose.BLOCK_RELAY : kind == 2 ? DialPurpose.OUTBOUND : null;
            peers.add(peer(kind == 0 ? "tor" : "tcp", purpose, kind == 3 ? 0 : Services.PEER_ADDRESSES, kind != 4));
        }
        for (int fanout = 1; fanout <= 4; fanout++) {
            for (long seed = 0; seed < 50; seed++) {
                ConnectedPeer from = peers.get((int) (seed % peers.size()));
                RelayCandidates candidates = new RelayCandidates(table, new SplittableRandom(seed), fanout);
                List<ConnectedPeer> picked = Arrays.asList(candidates.pick(from, ANNOUNCED));
                assertThat(picked).isEqualTo(byList(from, new SplittableRandom(seed), fanout));
            }
        }
    }

    @Test
    void whenAllRelayingPeersShareTheSchemeTheChoiceIsStillTheListsWithTheAnnouncerInTheTableOrNot() {
        List<ConnectedPeer> peers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // Some peers take no part (not counted, no addresses, block-relay): the cache skips them.
            DialPurpose purpose = i % 7 == 1 ? DialPurpose.BLOCK_RELAY : i % 3 == 0 ? DialPurpose.OUTBOUND : null;
            peers.add(peer("tcp", purpose, i % 5 == 2 ? 0 : Services.PEER_ADDRESSES, i % 11 != 4));
        }
        for (int fanout = 1; fanout <= 4; fanout++) {
            for (long seed = 0; seed < 60; seed++) {
                // Announcers anywhere in the table, relaying or not (peer 4 is not counted, so not cached).
                ConnectedPeer from = peers.get((int) (seed * 7 % peers.size()));
                RelayCandidates candidates = new RelayCandidates(table, new SplittableRandom(seed), fanout);
                List<ConnectedPeer> picked = Arrays.asList(candidates.pick(from, ANNOUNCED));
                assertThat(picked).isEqualTo(byList(from, new SplittableRandom(seed), fanout));
            }
        }
        // An announcer over another scheme reaches none of them.
        ConnectedPeer other = peer("tls", null, Services.PEER_ADDRESSES, true);
        RelayCandidates candidates = new RelayCandidates(table, new SplittableRandom(1), 2);
        assertThat(candidates.pick(other, ANNOUNCED)).containsExactly(null, null);
    }

    @Test
    void followsPeersJoiningAndLeavingAndHoldsNoMoreThanTheTable() {
        RelayCandidates candidates = new RelayCandidates(table, new SplittableRandom(1), 2);
        ConnectedPeer from = peer("tcp", null, Services.PEER_ADDRESSES, true);
        assertThat(candidates.pick(from, ANNOUNCED)).containsExactly(null, null);
        ConnectedPeer other = peer("tcp", null, Services.PEER_ADDRESSES, true);
        assertThat(candidates.pick(from, ANNOUNCED)).containsExactly(other, null);
        table.remove(other.id);
        assertThat(candidates.pick(from, ANNOUNCED)).containsExactly(null, null);
        for (int i = 0; i < 300; i++) {
            ConnectedPeer p = peer("tcp", null, Services.PEER_ADDRESSES, true);
            if (i % 2 == 0) {
                table.remove(p.id);
            }
            assertThat(candidates.pick(from, ANNOUNCED)).doesNotContain(p.counted && i % 2 == 0 ? p : from);
            // Rebuilt at each pick after a change: it never holds more than the table (or a peer gone).
            assertThat(candidates.cached()).isLessThanOrEqualTo(table.all().size());
        }
        assertThat(candidates.pick(from, ANNOUNCED)).doesNotContainNull().doesNotContain(from);
    }
}
