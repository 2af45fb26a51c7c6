package io.mintp2p.core.peers.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.peers.HandshakeResult;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.Services;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KnownAddressFilterTest {
    @Test
    void aPeerSendingEndlessNewAddressesNeverGrowsItsFilterPastTheCapacity() {
        KnownAddressFilter filter = new KnownAddressFilter();
        assertThat(filter.size()).as("nothing allocated before the first address").isZero();
        for (int i = 0; i < 100 * KnownAddressFilter.CAPACITY; i++) {
            filter.add(i * 0x9E3779B9);
            assertThat(filter.size()).isLessThanOrEqualTo(KnownAddressFilter.CAPACITY);
        }
        assertThat(filter.size()).isEqualTo(KnownAddressFilter.CAPACITY);
    }

    @Test
    void remembersTheLatestAddressesAndForgetsTheOldestOnes() {
        KnownAddressFilter filter = new KnownAddressFilter();
        int total = KnownAddressFilter.CAPACITY + 10;
        for (int i = 1; i <= total; i++) {
            filter.add(i);
        }
        for (int i = 1; i <= 10; i++) {
            assertThat(filter.contains(i)).as("oldest %d rolled out", i).isFalse();
        }
        for (int i = 11; i <= total; i++) {
            assertThat(filter.contains(i)).as("recent %d", i).isTrue();
        }
    }

    @Test
    void anAddressAddedAgainTakesNoSecondCellAndZeroIsAFingerprintLikeAnyOther() {
        KnownAddressFilter filter = new KnownAddressFilter();
        assertThat(filter.contains(0)).isFalse();
        filter.add(0);
        filter.add(0);
        filter.add(7);
        filter.add(7);
        assertThat(filter.contains(0)).isTrue();
        assertThat(filter.contains(7)).isTrue();
        assertThat(filter.size()).isEqualTo(2);
    }

    @Test
    void aConnectedPeerKeepsItsFilterBounded() {
        ConnectedPeer peer = new ConnectedPeer(new HandshakeResult(new PeerId(1), TransportAddress.of("tcp", "10.0.0.1", 1),
                Direction.INBOUND, Optional.empty(), Optional.empty(), 3, Services.PEER_ADDRESSES, "peer",
                new SemVer(1, 0, 0), Optional.empty()), "10.0", 0, true);
        for (int i = 0; i < 10_000; i++) {
            peer.noteKnownAddress(i);
        }
        assertThat(peer.knownAddressCount()).isEqualTo(KnownAddressFilter.CAPACITY);
        assertThat(peer.knowsAddress(9_999)).isTrue();
        assertThat(peer.knowsAddress(0)).isFalse();
    }
}
