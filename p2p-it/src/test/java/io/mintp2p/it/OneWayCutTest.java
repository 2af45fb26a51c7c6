package io.mintp2p.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenario (b) of issue #13: a one-way cut. A's packets still reach B, B's packets to A are dropped.
 * Nothing closes the TCP connection, so only keepalive can find out; when the cut is lifted the two
 * connect again. This waits for each of those on its own and logs how long they took. That keepalive
 * closes within ping period + ping timeout is the session's timer, proved exactly on virtual time
 * ({@code PeerSessionTest} in p2p-core): a wall-clock bound here would only measure Docker and polling.
 */
@ExtendWith(RequiresDocker.class)
class OneWayCutTest {
    private static final Logger log = LoggerFactory.getLogger(OneWayCutTest.class);
    static final Duration PING_PERIOD = Duration.ofSeconds(1);
    static final Duration PING_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration DETECTION_LIMIT = Duration.ofSeconds(30);
    private static final Duration WATCH_WHILE_CUT = Duration.ofSeconds(3);
    private static final Duration RECONNECT_LIMIT = Duration.ofMinutes(2);

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
        try (Topology<P2pNodeContainer> t = Topology.builder().nodes(2).targetOutbound(1).ping(PING_PERIOD, PING_TIMEOUT)
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
            long[] lost = awaitEach(DETECTION_LIMIT, () -> !connected(a, bIps), () -> !connected(b, aIps));
            long aLost = lost[0];
            long bLost = lost[1];
            String metricsA = a.admin().getText("metrics");
            // An absence can only be watched for a while: three ping periods, past the first redials' back-off.
            await().during(WATCH_WHILE_CUT).atMost(WATCH_WHILE_CUT.plusSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .alias("A and B stay apart while the cut lasts")
                    .until(() -> !connected(a, bIps) && !connected(b, aIps));

            long h0 = System.nanoTime();
            t.heal(b, a);
            long[] back = awaitEach(RECONNECT_LIMIT, () -> connected(a, bIps), () -> connected(b, aIps));
            long aBack = back[0];
            long bBack = back[1];
            Duration bound = PING_PERIOD.plus(PING_TIMEOUT);
            String line = String.format(Locale.ROOT, "SCENARIO (b) one-way cut %s -> %s (ping period %d ms, timeout %d ms, "
                            + "bound %d ms): %s dropped %s after %d ms, %s dropped %s after %d ms (cut applied in %d ms); "
                            + "after lifting it: %s has %s again after %d ms, %s has %s again after %d ms",
                    b.name(), a.name(), PING_PERIOD.toMillis(), PING_TIMEOUT.toMillis(), bound.toMillis(),
                    a.name(), b.name(), (aLost - t0) / 1_000_000, b.name(), a.name(), (bLost - t0) / 1_000_000,
                    (cutDone - t0) / 1_000_000, a.name(), b.name(), (aBack - h0) / 1_000_000,
                    b.name(), a.name(), (bBack - h0) / 1_000_000);
            log.info(line);
            System.out.println(line);
            assertThat(metricsA).as("A dropped B for its unanswered ping").contains("reason=\"ping_timeout\"");
        }
    }

    /**
     * Polls every 100 ms until each condition has held once and returns when each was first seen
     * ({@link System#nanoTime()}), in their order; fails after {@code limit}, which bounds a failure,
     * not the behaviour.
     */
    @SafeVarargs
    private static long[] awaitEach(Duration limit, Callable<Boolean>... conditions) {
        long[] seen = new long[conditions.length];
        await().atMost(limit).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            boolean all = true;
            for (int i = 0; i < conditions.length; i++) {
                if (seen[i] == 0 && conditions[i].call()) {
                    seen[i] = System.nanoTime();
                }
                all &= seen[i] != 0;
            }
            return all;
        });
        return seen;
    }
}
