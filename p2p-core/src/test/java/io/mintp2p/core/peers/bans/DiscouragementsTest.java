package io.mintp2p.core.peers.bans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mintp2p.core.time.VirtualTimeScheduler;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiscouragementsTest {
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    private final VirtualTimeScheduler time = new VirtualTimeScheduler();

    private static DiscouragementKey endpoint(int port) {
        return new DiscouragementKey.Endpoint(TransportAddress.of("tcp", "192.0.2.1", port));
    }

    private static DiscouragementKey identity(char c) {
        return new DiscouragementKey.Identity(new PeerIdentity(String.valueOf(c).repeat(64)));
    }

    @Test
    void anEndpointIsOneHostAndPortNotTheIp() {
        Discouragements d = new Discouragements(time, 100);
        d.discourage(endpoint(3031), TEN_MINUTES);
        assertThat(d.isDiscouraged(endpoint(3031))).isTrue();
        assertThat(d.isDiscouraged(endpoint(3032))).as("another node on the same IP").isFalse();
        TransportAddress pinned = new TransportAddress("tcp", "192.0.2.1", 3031, Optional.of(new PeerIdentity("a".repeat(64))));
        assertThat(d.isDiscouraged(new DiscouragementKey.Endpoint(pinned))).as("the pin is not part of the key").isTrue();
    }

    @Test
    void expiresOnMonotonicTimeAndIsForgotten() {
        Discouragements d = new Discouragements(time, 100);
        d.discourage(identity('a'), TEN_MINUTES);
        d.discourage(endpoint(1), TEN_MINUTES);
        time.shiftWallClock(Duration.ofDays(2));
        assertThat(d.isDiscouraged(identity('a'))).as("a wall-clock jump lifts nothing").isTrue();
        time.advance(TEN_MINUTES.minusMillis(1));
        assertThat(d.isDiscouraged(identity('a'))).isTrue();
        time.advance(Duration.ofMillis(1));
        assertThat(d.isDiscouraged(identity('a'))).isFalse();
        assertThat(d.size()).as("the expired identity went when asked, the endpoint is still held").isEqualTo(1);
        d.expire();
        assertThat(d.isEmpty()).isTrue();
    }

    @Test
    void cannotGrowPastItsCapacityTheOldestGoesFirst() {
        Discouragements d = new Discouragements(time, 50);
        for (int port = 1; port <= 500; port++) {
            d.discourage(endpoint(port), TEN_MINUTES);
            time.advance(Duration.ofMillis(1));
        }
        assertThat(d.size()).isEqualTo(50);
        assertThat(d.isDiscouraged(endpoint(450))).as("the oldest went").isFalse();
        assertThat(d.isDiscouraged(endpoint(451))).isTrue();
        assertThat(d.isDiscouraged(endpoint(500))).isTrue();
    }

    @Test
    void aRenewedKeyCountsAsNewestAndGetsItsFullTimeAgain() {
        Discouragements d = new Discouragements(time, 2);
        d.discourage(endpoint(1), TEN_MINUTES);
        d.discourage(endpoint(2), TEN_MINUTES);
        time.advance(Duration.ofMinutes(5));
        d.discourage(endpoint(1), TEN_MINUTES);
        d.discourage(endpoint(3), TEN_MINUTES);
        assertThat(d.isDiscouraged(endpoint(2))).as("now the oldest").isFalse();
        time.advance(Duration.ofMinutes(9));
        assertThat(d.isDiscouraged(endpoint(1))).as("renewed 9 minutes ago").isTrue();
    }

    @Test
    void networkKeysBelongInTheBanList() throws Exception {
        Discouragements d = new Discouragements(time, 2);
        DiscouragementKey network = new DiscouragementKey.Network(BanKey.of(InetAddress.getByName("192.0.2.1")));
        assertThatThrownBy(() -> d.discourage(network, TEN_MINUTES)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Discouragements(time, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
