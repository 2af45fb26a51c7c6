package io.mintp2p.core.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.OnionV3;
import org.junit.jupiter.api.Test;

/** Address groups, with onion addresses as their own network split by 4 bits of the key. */
class AddressGroupTest {
    private static String onion(int firstByte) {
        byte[] key = new byte[32];
        key[0] = (byte) firstByte;
        key[31] = (byte) firstByte;
        return OnionV3.ofKey(key).hostname();
    }

    private static String group(String address, boolean privateAllowed) {
        return AddressGroup.of(TransportAddress.parse(address), privateAllowed);
    }

    @Test
    void ipAddressesGroupBySlash16AndSlash32() {
        assertThat(group("tcp://1.2.3.4:1", false)).isEqualTo(group("tcp://1.2.200.9:2", false)).isEqualTo("v4:1.2");
        assertThat(group("tcp://[2001:db8::1]:1", false)).isEqualTo("v6:2001:0db8");
        assertThat(group("tcp://127.0.0.1:5", true)).isEqualTo("local:127.0.0.1:5");
    }

    /**
     * A dotted-quad host takes a path that makes no InetAddress: it must give what the InetAddress
     * path gives (here the same address written as an IPv4-mapped IPv6 literal goes that way), for
     * the edges of every private range and seeded random addresses.
     */
    @Test
    void dottedQuadsGroupAsTheirInetAddressDoes() throws Exception {
        java.util.List<Integer> bits = new java.util.ArrayList<>(java.util.List.of(0, 1, 0x0A000000, 0x09FFFFFF,
                0x0AFFFFFF, 0x0B000000, 0x7F000001, 0x7EFFFFFF, 0x80000000, 0xAC0F0001, 0xAC100001, 0xAC1FFFFF,
                0xAC200000, 0xC0A80001, 0xC0A70001, 0xC0A90001, 0xA9FE0101, 0xA9FD0101, 0xFFFFFFFF));
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int i = 0; i < 2_000; i++) {
            bits.add(random.nextInt());
        }
        for (int b : bits) {
            java.net.InetAddress ip = java.net.InetAddress.getByAddress(new byte[] {(byte) (b >>> 24), (byte) (b >>> 16),
                    (byte) (b >>> 8), (byte) b});
            assertThat(io.mintp2p.core.wire.PeerAddress.isPrivateOrLocalV4(b)).as(ip.toString())
                    .isEqualTo(ip.isLoopbackAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress()
                            || ip.isAnyLocalAddress());
            for (boolean privateAllowed : new boolean[] {false, true}) {
                TransportAddress quad = TransportAddress.of("tcp", ip.getHostAddress(), 7);
                String viaInetAddress = group("tcp://[::ffff:" + ip.getHostAddress() + "]:7", privateAllowed);
                assertThat(AddressGroup.of(quad, privateAllowed)).as(quad.toString())
                        .isEqualTo(viaInetAddress.replace("::ffff:", ""));
            }
        }
        assertThat(group("tor://127.0.0.1:9050", true)).isEqualTo(AddressGroup.ONION_INBOUND);
    }

    @Test
    void onionsShareAGroupOnlyWithTheSameTopFourKeyBits() {
        String a = group("tor://" + onion(0x10) + ":13031", false);
        assertThat(a).isEqualTo("onion:1");
        assertThat(group("tor://" + onion(0x1f) + ":1", true)).isEqualTo(a);
        assertThat(group("tor://" + onion(0x20) + ":13031", false)).isEqualTo("onion:2");
        assertThat(group("tor://" + onion(0xf0) + ":13031", false)).isEqualTo("onion:f");
        assertThat(group("tcp://" + onion(0x10) + ":13031", false)).as("the network, not the scheme").isEqualTo(a);
    }

    @Test
    void connectionsThroughOurOnionServiceShareOneGroup() {
        assertThat(group("tor://127.0.0.1:40001", true)).isEqualTo(group("tor://127.0.0.1:40002", false))
                .isEqualTo(AddressGroup.ONION_INBOUND);
        assertThat(group("tor://1.2.3.4:13031", false)).as("a clearnet target dialled through tor").isEqualTo("v4:1.2");
    }

    @Test
    void aMalformedOnionNameIsItsOwnGroupNotAnError() {
        assertThat(group("tor://abc.onion:1", false)).isEqualTo("host:abc.onion");
    }
}
