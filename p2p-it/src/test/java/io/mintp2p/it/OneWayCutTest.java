package io.mintp2p.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenario (b) of issue #13: a one-way cut. A's packets still reach B, B's packets to A are dropped.
 * Nothing closes the TCP connection, so only keepalive can find out: within ping period + ping
 * timeout. When the cut is lifted the two connect again.
 */
@ExtendWith(RequiresDocker.class)
class OneWayCutTest {
    private static final Logger log = LoggerFactory.getLogger(OneWayCutTest.class);
    static final Duration PING_PERIOD = Duration.ofSeconds(1);
    static final Duration PING_TIMEOUT = Duration.ofSeconds(3);

    static boolean connected(P2pNodeContainer n, List<String> otherIps) throws Exception {
        for (JsonNode p : n.admin().get("peers")) {
            String address = p.get("address").asText();
            if (otherIps.stream().anyMatch(ip -> address.matches("^\\w+://" + ip.replace(".", "\\.") + ":.*"))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aOneWayCutIsFoundByKeepaliveAndThePeersReconnectWhenItIsLifted() throws Exception {
        // One connection each way and no block-relay ones: the pair's only links are the two whose
        // keepalive this measures (a block-relay link to the other's second address form would add more).
        try (Topology t = Topology.builder().nodes(2).targetOutbound(1).ping(PING_PERIOD, PING_TIMEOUT)
                .customize((i, n) -> n.withBlockRelayOutbound(0)).build()) {
            t.start();
            t.awaitConverged(Duration.ofMinutes(1));
            P2pNodeContainer a = t.node(0);
            P2pNodeContainer b = t.node(1);
            List<String> aIps = a.ipAddresses();
            List<String> bIps = b.ipAddresses();
            // The shaper is started beforehand, so the cut itself is one iptables-restore.
            a.withNetworkConditions(NetworkConditions.none());
            b.withNetworkConditions(NetworkConditions.none());
            assertThat(connected(a, bIps) && connected(b, aIps)).isTrue();

            long t0 = System.nanoTime();
            t.cutOneWay(b, a); // B -> A dropped, A -> B still arrives
            long cutDone = System.nanoTime();
            long aLost = -1;
            long bLost = -1;
            long limit = t0 + Duration.ofSeconds(30).toNanos();
            while ((aLost < 0 || bLost < 0) && System.nanoTime() < limit) {
                if (aLost < 0 && !connected(a, bIps)) {
                    aLost = System.nanoTime();
                }
                if (bLost < 0 && !connected(b, aIps)) {
                    bLost = System.nanoTime();
                }
                Thread.sleep(100);
            }
            assertThat(aLost).as("A dropped B").isPositive();
            assertThat(bLost).as("B dropped A").isPositive();
            String metricsA = a.admin().getText("metrics");
            // While cut, they must not count as connected again (A's SYN-ACKs... B's answers never arrive).
            Thread.sleep(3_000);
            boolean reconnectedWhileCut = connected(a, bIps);

            long h0 = System.nanoTime();
            t.heal(b, a);
            long aBack = -1;
            long bBack = -1;
            limit = h0 + Duration.ofMinutes(2).toNanos();
            while ((aBack < 0 || bBack < 0) && System.nanoTime() < limit) {
                if (aBack < 0 && connected(a, bIps)) {
                    aBack = System.nanoTime();
                }
                if (bBack < 0 && connected(b, aIps)) {
                    bBack = System.nanoTime();
                }
                Thread.sleep(100);
            }
            Duration bound = PING_PERIOD.plus(PING_TIMEOUT);
            String line = String.format(Locale.ROOT, "SCENARIO (b) one-way cut %s -> %s (ping period %d ms, timeout %d ms, "
                            + "bound %d ms): %s dropped %s after %d ms, %s dropped %s after %d ms (cut applied in %d ms); "
                            + "after lifting it: %s has %s again after %s ms, %s has %s again after %s ms",
                    b.name(), a.name(), PING_PERIOD.toMillis(), PING_TIMEOUT.toMillis(), bound.toMillis(),
                    a.name(), b.name(), (aLost - t0) / 1_000_000, b.name(), a.name(), (bLost - t0) / 1_000_000,
                    (cutDone - t0) / 1_000_000, a.name(), b.name(), aBack < 0 ? "never" : (aBack - h0) / 1_000_000,
                    b.name(), a.name(), bBack < 0 ? "never" : (bBack - h0) / 1_000_000);
            log.info(line);
            System.out.println(line);
            assertThat(metricsA).contains("reason=\"ping_timeout\"");
            assertThat(reconnectedWhileCut).as("reconnected while still cut").isFalse();
            // Detection within period + timeout, plus our 100 ms polling and the cut's own set-up time.
            long slack = 500 + (cutDone - t0) / 1_000_000;
            assertThat((aLost - t0) / 1_000_000).isLessThanOrEqualTo(bound.toMillis() + slack);
            assertThat((bLost - t0) / 1_000_000).isLessThanOrEqualTo(bound.toMillis() + slack);
            assertThat(aBack).as("A reconnected to B").isPositive();
            assertThat(bBack).as("B reconnected to A").isPositive();
        }
    }
}
