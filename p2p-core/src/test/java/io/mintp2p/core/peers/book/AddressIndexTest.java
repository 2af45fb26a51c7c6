package io.mintp2p.core.peers.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AddressIndexTest {

    /** IPv4 hosts (compact), names and IPv6 (whole), on two schemes and a few ports: many collisions of parts. */
    private static TransportAddress address(SplittableRandom random) {
        String scheme = random.nextBoolean() ? "tcp" : "mem";
        int port = 3000 + random.nextInt(3);
        return switch (random.nextInt(4)) {
            case 0 -> TransportAddress.of(scheme, "seed" + random.nextInt(50) + ".example", port);
            case 1 -> TransportAddress.of(scheme, "2001:db8::" + Integer.toHexString(random.nextInt(50)), port);
            default -> TransportAddress.of(scheme, "11." + random.nextInt(3) + ".0." + random.nextInt(60), port);
        };
    }

    @Test
    void agreesWithAMapThroughRandomPutsAndRemoves() {
        AddressIndex index = new AddressIndex();
        Map<TransportAddress, KnownAddress> model = new HashMap<>();
        SplittableRandom random = new SplittableRandom(9);
        for (int step = 0; step < 200_000; step++) {
            TransportAddress a = address(random);
            KnownAddress held = model.get(a);
            assertThat(index.get(a)).isSameAs(held);
            if (held == null || random.nextInt(4) == 0) {
                KnownAddress e = new KnownAddress(a, 1L, "s");
                index.put(e);
                model.put(a, e);
            } else {
                index.remove(held);
                model.remove(a);
            }
            assertThat(index.size()).isEqualTo(model.size());
        }
        model.forEach((a, e) -> {
            assertThat(index.get(a)).isSameAs(e);
            assertThat(e.address()).isEqualTo(a);
        });
    }

    @Test
    void anAddressWithAPinnedIdentityIsNotTheSameEntryAsTheBareOne() {
        AddressIndex index = new AddressIndex();
        TransportAddress bare = TransportAddress.of("tls", "11.0.0.1", 3031);
        TransportAddress pinned = new TransportAddress("tls", "11.0.0.1", 3031, Optional.of(new PeerIdentity("ab".repeat(32))));
        KnownAddress e = new KnownAddress(bare, 1L, "s");
        index.put(e);
        assertThat(index.get(pinned)).isNull();
        assertThat(index.get(bare)).isSameAs(e);
    }

    @Test
    void onlyCanonicalDottedQuadsAreCompactAndTheyComeBackAsTheyWent() {
        for (String host : new String[] {"0.0.0.0", "1.2.3.4", "255.255.255.255", "99.0.10.200"}) {
            TransportAddress a = TransportAddress.of("tcp", host, 1);
            assertThat(Ipv4Hosts.bits(a)).as(host).isNotNegative();
            assertThat(Ipv4Hosts.format((int) Ipv4Hosts.bits(a))).isEqualTo(host);
            assertThat(new KnownAddress(a, 1L, "s").address()).isEqualTo(a);
        }
        for (String host : new String[] {"01.2.3.4", "1.2.3", "1.2.3.4.5", "1.2.3.256", "1.2.3.4.", ".1.2.3", "1..2.3",
                "a.b.c.d", "1.2.3.1000", "::1", "example.org", "1.2.3.-4"}) {
            TransportAddress a = TransportAddress.of("tcp", host, 1);
            assertThat(Ipv4Hosts.bits(a)).as(host).isEqualTo(-1);
            assertThat(new KnownAddress(a, 1L, "s").address()).isEqualTo(a);
        }
    }
}
