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
