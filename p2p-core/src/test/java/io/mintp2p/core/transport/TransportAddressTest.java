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
}
