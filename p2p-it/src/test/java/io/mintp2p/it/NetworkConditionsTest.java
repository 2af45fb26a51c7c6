package io.mintp2p.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Latency, jitter and loss per node and per link, measured through the ping RTT each node reports in
 * /peers: scenario (a) of issue #13, a node behind 300 ms ± 100 ms and 5 % loss, and a degraded link.
 */
@ExtendWith(RequiresDocker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworkConditionsTest {
    private static final Logger log = LoggerFactory.getLogger(NetworkConditionsTest.class);
    private Topology<P2pNodeContainer> t;

    @BeforeAll
    void start() {
        t = Topology.builder().nodes(4).targetOutbound(2).ping(Duration.ofSeconds(1), Duration.ofSeconds(10)).build();
        t.start();
        t.awaitConverged(Duration.ofMinutes(2));
    }

    @AfterAll
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    /** Ping RTTs (ms) {@code n} reports for its peers (only those in {@code peersOf}, when given), sampled for {@code during}. */
    static List<Double> rtts(P2pNodeContainer n, Set<String> onlyIps, Duration during) throws Exception {
        List<Double> all = new ArrayList<>();
        long until = System.nanoTime() + during.toNanos();
        String lastSeen = null; // the first look is the baseline: those RTTs may predate the conditions
        while (System.nanoTime() < until) {
            StringBuilder seen = new StringBuilder();
            for (JsonNode p : n.admin().get("peers")) {
                String ip = p.get("address").asText().replaceFirst("^\\w+://", "").replaceFirst(":\\d+(#.*)?$", "");
                JsonNode rtt = p.get("lastPingRttMillis");
                if (!rtt.isNull() && (onlyIps == null || onlyIps.contains(ip))) {
                    seen.append(p.get("id").asText()).append('=').append(rtt.asDouble()).append(';');
                }
            }
            // A new sample only when some peer's last RTT changed (a new pong came in).
            if (lastSeen != null && !seen.toString().equals(lastSeen)) {
                for (String e : seen.toString().split(";")) {
                    if (!e.isEmpty() && !lastSeen.contains(e + ";")) {
                        all.add(Double.parseDouble(e.substring(e.indexOf('=') + 1)));
                    }
                }
            }
            lastSeen = seen.toString();
            Thread.sleep(300);
        }
        return all;
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.isEmpty() ? Double.NaN : s.get(s.size() / 2);
    }

    static String summary(List<Double> v) {
        if (v.isEmpty()) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "median %.1f ms (min %.1f, max %.1f, %d pongs)", median(v),
                Collections.min(v), Collections.max(v), v.size());
    }

    static Set<String> peerIds(P2pNodeContainer n) throws Exception {
        Set<String> ids = new TreeSet<>();
        for (JsonNode p : n.admin().get("peers")) {
            ids.add(p.get("id").asText());
        }
        return ids;
    }

    @Test
    @Order(1)
    void aNodeBehind300msJitterAndLossKeepsItsPeersAndItsRttShowsTheDelay() throws Exception {
        P2pNodeContainer slow = t.node(1);
        List<Double> before = rtts(slow, null, Duration.ofSeconds(5));
        Set<String> peersBefore = peerIds(slow);
        NetworkConditions c = NetworkConditions.latency(Duration.ofMillis(300)).jitter(Duration.ofMillis(100)).loss(5.0);
        long t0 = System.nanoTime();
        slow.withNetworkConditions(c);
        long applied = Topology.since(t0).toMillis();
        Thread.sleep(2_000); // pings in flight when the delay began
        List<Double> after = rtts(slow, null, Duration.ofSeconds(25));
        Set<String> peersAfter = peerIds(slow);
        log.info("conditions in place:\n{}", slow.describeNetworkConditions());
        slow.clearNetworkConditions();
        Thread.sleep(2_000);
        List<Double> cleared = rtts(slow, null, Duration.ofSeconds(5));
        String line = String.format(Locale.ROOT, "SCENARIO (a) node behind %s: ping RTT before %s; behind it %s; "
                        + "cleared %s; peers kept %d of %d (set in %d ms)", c, summary(before), summary(after),
                summary(cleared), intersect(peersBefore, peersAfter), peersBefore.size(), applied);
        log.info(line);
        System.out.println(line);
        assertThat(peersAfter).as("the slow node's peers").containsAll(peersBefore);
        assertThat(median(before)).isLessThan(50);
        assertThat(after).hasSizeGreaterThan(5);
        // 300 ± 100 ms one way (what the node sends is held); loss adds retransmissions on top.
        assertThat(median(after)).isBetween(250.0, 600.0);
        assertThat(Collections.min(after)).isGreaterThanOrEqualTo(190.0);
        assertThat(median(cleared)).isLessThan(50);
    }

    private static int intersect(Set<String> a, Set<String> b) {
        Set<String> s = new TreeSet<>(a);
        s.retainAll(b);
        return s.size();
    }

    @Test
    @Order(2)
    void aDegradedLinkSlowsOnlyThatPairBothWays() throws Exception {
        t.awaitConverged(Duration.ofMinutes(1));
        // A pair that is connected: node0 is everybody's boot node.
        P2pNodeContainer a = t.node(0);
        P2pNodeContainer b = null;
        for (P2pNodeContainer n : t.nodes().subList(1, t.nodes().size())) {
            for (JsonNode p : a.admin().get("peers")) {
                if (n.ipAddresses().stream().anyMatch(ip -> p.get("address").asText().contains(ip))) {
                    b = n;
                }
            }
        }
        assertThat(b).as("a peer of node0").isNotNull();
        Set<String> bIps = Set.copyOf(b.ipAddresses());
        Set<String> others = new TreeSet<>();
        t.nodes().stream().filter(n -> n != a).forEach(n -> others.addAll(n.ipAddresses()));
        others.removeAll(bIps);
        t.degrade(a, b, NetworkConditions.latency(Duration.ofMillis(100)));
        Thread.sleep(2_000);
        List<Double> link = rtts(a, bIps, Duration.ofSeconds(10));
        List<Double> rest = rtts(a, others, Duration.ofSeconds(3));
        t.restore(a, b);
        t.degradeOneWay(a, b, NetworkConditions.latency(Duration.ofMillis(100)));
        Thread.sleep(2_000);
        List<Double> oneWay = rtts(a, bIps, Duration.ofSeconds(10));
        t.restore(a, b);
        String line = String.format(Locale.ROOT, "SCENARIO link %s <-> %s at 100 ms each way: RTT on the link %s; "
                + "to node0's other peers %s; 100 ms one way only: RTT %s", a.name(), b.name(), summary(link),
                summary(rest), summary(oneWay));
        log.info(line);
        System.out.println(line);
        assertThat(median(link)).isBetween(190.0, 300.0);
        assertThat(median(oneWay)).isBetween(90.0, 160.0);
        if (!rest.isEmpty()) {
            assertThat(median(rest)).isLessThan(50);
        }
    }

    @Test
    @Order(3)
    void aRateLimitSlowsWhatTheNodeSends() throws Exception {
        t.awaitConverged(Duration.ofMinutes(1));
        P2pNodeContainer sender = t.node(2);
        String big = "x".repeat(60_000);
        Duration unlimited = Topology.awaitBroadcastReaches(sender, t.nodes(), "unlimited " + big, Duration.ofSeconds(30));
        NetworkConditions c = NetworkConditions.none().rate(512);
        sender.withNetworkConditions(c);
        Duration limited;
        try {
            assertThat(sender.describeNetworkConditions()).contains("tbf");
            limited = Topology.awaitBroadcastReaches(sender, t.nodes(), "limited " + big, Duration.ofSeconds(60));
        } finally {
            sender.clearNetworkConditions();
        }
        // The first copy alone is 60 kB: at least 0.94 s at 512 kbit/s, more as it goes to every peer at once.
        String line = String.format(Locale.ROOT, "SCENARIO rate: a 60 kB broadcast from %s reached all %d nodes in %d ms "
                + "unlimited, in %d ms at %s", sender.name(), t.nodes().size(), unlimited.toMillis(), limited.toMillis(), c);
        log.info(line);
        System.out.println(line);
        assertThat(limited).isGreaterThan(Duration.ofMillis(900));
        assertThat(limited).isGreaterThan(unlimited.multipliedBy(3));
    }
}
