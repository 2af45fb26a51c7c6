package io.mintp2p.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Host and Origin rules by bind address; the loopback ones also run over HTTP in AdminApiAttackTest. */
class AdminHostsTest {
    @ParameterizedTest(name = "bound {0}, Host {1}: {2}")
    @CsvSource({
        // loopback bind: our names, our port
        "127.0.0.1:8080, 127.0.0.1:8080,      true",
        "127.0.0.1:8080, localhost:8080,      true",
        "127.0.0.1:8080, [::1]:8080,          true",
        "127.0.0.1:8080, localhost:9090,      false",
        "127.0.0.1:8080, localhost,           false",
        "127.0.0.1:8080, evil.example:8080,   false",
        "127.0.0.1:8080, 192.0.2.1:8080,      false",
        "127.0.0.1:8080, 300.0.0.1:8080,      false",
        // a specific address: that one too
        "192.0.2.1:8080, 192.0.2.1:8080,      true",
        "192.0.2.1:8080, 192.0.2.2:8080,      false",
        "192.0.2.1:8080, node.example:8080,   false",
        // a wildcard (container behind a port mapping): any IP literal, any port, still no names
        "0.0.0.0:8080,   localhost:49153,     true",
        "0.0.0.0:8080,   192.0.2.7:49153,     true",
        "0.0.0.0:8080,   [2001:db8::1]:8080,  true",
        "0.0.0.0:8080,   evil.example:8080,   false",
        "0.0.0.0:8080,   evil.example:49153,  false",
    })
    void host(String bound, String host, boolean allowed) {
        assertThat(hosts(bound).allowsHost(Optional.of(host))).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "bound {0}, Origin {1}: {2}")
    @CsvSource({
        "127.0.0.1:8080, http://127.0.0.1:8080,  true",
        "127.0.0.1:8080, http://localhost:8080,  true",
        "127.0.0.1:8080, http://localhost:8080/, false", // a browser never sends a path
        "127.0.0.1:8080, https://localhost:8080, false",
        "127.0.0.1:8080, http://localhost:3000,  false",
        "127.0.0.1:8080, http://evil.example,    false",
        "127.0.0.1:80,   http://localhost,       true",
        "127.0.0.1:8080, null,                   false",
        "0.0.0.0:8080,   http://localhost:49153, true",
        "0.0.0.0:8080,   http://evil.example,    false",
    })
    void origin(String bound, String origin, boolean allowed) {
        assertThat(hosts(bound).allowsOrigin(origin)).isEqualTo(allowed);
    }

    private static AdminHosts hosts(String bound) {
        int colon = bound.lastIndexOf(':');
        return new AdminHosts(new InetSocketAddress(bound.substring(0, colon), Integer.parseInt(bound.substring(colon + 1))));
    }
}
