package io.mintp2p.core.peers.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.peers.HandshakeResult;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.OnionV3;
import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.Services;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectedPeerTest {
    private static ConnectedPeer from(String host) {
        HandshakeResult r = new HandshakeResult(new PeerId(1), TransportAddress.of("tcp", host, 40000),
                Direction.INBOUND, Optional.empty(), Optional.empty(), 3, Services.PEER_ADDRESSES, "peer",
                new SemVer(1, 0, 0), Optional.empty());
        return new ConnectedPeer(r, host, 0, true);
    }

    @Test
    void anIpv4AnnouncementIsAtThePeersIpWhateverThePortAndNowhereElse() {
        ConnectedPeer peer = from("11.22.33.44");
        assertThat(peer.isAt(PeerAddress.ipv4(0x0B16212C, 3031))).isTrue();
        assertThat(peer.isAt(PeerAddress.ipv4(0x0B16212D, 3031))).isFalse();
        assertThat(peer.isAt(PeerAddress.ipv4(0x2C21160B, 3031))).as("octets reversed").isFalse();
    }

    @Test
    void otherFormsCompareAsTheirInetAddresses() throws Exception {
        // An IPv4-mapped IPv6 announcement is the IPv4 address, as InetAddress says.
        byte[] mapped = InetAddress.getByName("::ffff:11.22.33.44").getAddress();
        assertThat(from("11.22.33.44").isAt(new PeerAddress(InetAddress.getByAddress(mapped), 3031))).isTrue();
        ConnectedPeer v6 = from("2001:db8::7");
        assertThat(v6.isAt(new PeerAddress(InetAddress.getByName("2001:db8::7"), 3031))).isTrue();
        assertThat(v6.isAt(new PeerAddress(InetAddress.getByName("2001:db8::8"), 3031))).isFalse();
        assertThat(v6.isAt(PeerAddress.ipv4(0x0B16212C, 3031))).isFalse();
        // A peer connected from a name (not an IP literal) is at no IP it could announce.
        assertThat(from("peer.example").isAt(PeerAddress.ipv4(0x0B16212C, 3031))).isFalse();
    }

    @Test
    void anOnionIsNeverAtThePeersIp() {
        PeerAddress onion = PeerAddress.onion(OnionV3.ofKey(new byte[OnionV3.KEY_BYTES]), 3031);
        assertThat(from("11.22.33.44").isAt(onion)).isFalse();
    }
}
