package io.mintp2p.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.transport.TransportAddress;
import java.net.InetAddress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** An IPv4 address kept as its 32 bits behaves as the one made from an {@link InetAddress}. */
class PeerAddressTest {
    private static final int[] EDGES = {0, 0xFFFFFFFF, 0x0A000001, 0x7F000001, 0x64000A00, 0xC0A80001, 0xE0000001,
            0xEFFFFFFF, 0xF0000000, 0x09636363, 0xAC100000, 0xA9FE0101};

    @Test
    void anIpv4AddressFromItsBitsMatchesOneFromAnInetAddress() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 2_000 + EDGES.length; i++) {
            int bits = i < EDGES.length ? EDGES[i] : random.nextInt();
            int port = random.nextInt(0x10000);
            InetAddress inet = InetAddress.getByAddress(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16),
                    (byte) (bits >>> 8), (byte) bits});
            PeerAddress fromBits = PeerAddress.ipv4(bits, port);
            PeerAddress fromInet = new PeerAddress(inet, port);

            assertThat(fromBits).isEqualTo(fromInet).hasSameHashCodeAs(fromInet);
            assertThat(fromBits.host()).isEqualTo(inet.getHostAddress()).isEqualTo(fromInet.host());
            assertThat(fromBits.toString()).isEqualTo(fromInet.toString());
            assertThat(fromBits.ip()).isEqualTo(inet);
            assertThat(fromBits.ipv4Bits()).isEqualTo(bits);
            assertThat(fromBits.isIpv4()).isTrue();
            assertThat(fromBits.isAnyLocal()).isEqualTo(inet.isAnyLocalAddress());
            assertThat(fromBits.isMulticast()).isEqualTo(inet.isMulticastAddress());
            assertThat(fromBits.isPrivateOrLocal()).isEqualTo(PeerAddress.isPrivateOrLocal(inet));
            assertThat(TransportAddress.of("tcp", fromBits).toPeerAddress()).contains(fromInet);
            assertThat(fromBits).isNotEqualTo(PeerAddress.ipv4(bits, port ^ 1));
        }
    }

    @Test
    void anIpv4AddressIsNeverEqualToAnIpv6One() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        mapped[15] = 1;
        PeerAddress v6 = PeerAddress.ipv6(mapped, 80);
        PeerAddress v4 = PeerAddress.ipv4(1, 80);
        assertThat(v6.isIpv4()).isFalse();
        assertThat(v4).isNotEqualTo(v6);
        assertThat(v6).isNotEqualTo(v4);
        assertThat(PeerAddress.ipv6(new byte[16], 80).isAnyLocal()).isTrue();
    }
}
