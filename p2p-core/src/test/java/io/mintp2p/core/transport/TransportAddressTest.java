package io.mintp2p.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransportAddressTest {

    private static Optional<InetAddress> literal(String host) {
        return TransportAddress.of("tcp", host, 1).ipLiteral();
    }

    @Test
    void withoutIdentityDropsAPinnedIdentity() {
        TransportAddress pinned = TransportAddress.parse("tls://10.0.0.1:13031#" + "ab".repeat(32));
        assertThat(pinned.withoutIdentity()).isEqualTo(TransportAddress.of("tls", "10.0.0.1", 13031));
    }

    @Test
    void anAddressWithoutIdentityIsNotCopied() {
        TransportAddress plain = TransportAddress.of("tcp", "10.0.0.1", 13031);
        assertThat(plain.withoutIdentity()).isSameAs(plain);
    }

    @Test
    void ipLiteralsParseAsTheJdkParsesThem() throws Exception {
        for (String host : new String[] {"10.0.0.1", "0.0.0.0", "255.255.255.255", "192.0.2.10", "127.0.0.1",
                "1.2.3", "010.0.0.1", "::1", "2001:db8::7", "::ffff:10.0.0.1"}) {
            assertThat(literal(host)).as(host).contains(InetAddress.getByName(host));
        }
    }

    @Test
    void namesAndMalformedNumbersAreNoLiterals() {
        for (String host : new String[] {"example.com", "256.1.1.1", "1.2.3.4.5", "1..2.3", "1.2.3.", ".1.2.3",
                "10.0.0.1a", "1.2.3.999"}) {
            assertThat(literal(host)).as(host).isEmpty();
        }
    }

    /** equals and hashCode are written out (for speed): every component must still count, and only they. */
    @Test
    void addressesAreEqualExactlyWhenEveryComponentIs() {
        Optional<PeerIdentity> id = Optional.of(new PeerIdentity("ab".repeat(32)));
        TransportAddress a = new TransportAddress("tcp", "10.1.2.3", 13031, id);
        TransportAddress same = new TransportAddress(new String("TCP"), new StringBuilder("10.1.2.3").toString(), 13031,
                Optional.of(new PeerIdentity("AB".repeat(32))));
        assertThat(same).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(a).isNotEqualTo(new TransportAddress("tls", "10.1.2.3", 13031, id))
                .isNotEqualTo(new TransportAddress("tcp", "10.1.2.4", 13031, id))
                .isNotEqualTo(new TransportAddress("tcp", "10.1.2.3", 13032, id))
                .isNotEqualTo(new TransportAddress("tcp", "10.1.2.3", 13031, Optional.empty()))
                .isNotEqualTo(new TransportAddress("tcp", "10.1.2.3", 13031, Optional.of(new PeerIdentity("cd".repeat(32)))))
                .isNotEqualTo("tcp://10.1.2.3:13031")
                .isNotEqualTo(null);
    }
}
