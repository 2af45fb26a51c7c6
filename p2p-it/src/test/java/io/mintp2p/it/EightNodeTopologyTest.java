package io.mintp2p.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Eight nodes over TCP on their own Docker network, then faults: strangers on another network or
 * version, a paused node, a partition and its heal, and a kill -9 with the boot nodes gone. The eight
 * containers are shared (starting them is most of the suite's time), but no test depends on another
 * or on their order: each starts once the eight have converged, and each puts back what it broke.
 */
@ExtendWith(RequiresDocker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EightNodeTopologyTest {
    private static final Logger log = LoggerFactory.getLogger(EightNodeTopologyTest.class);
    static final int NODES = 8;
    static final int TARGET = 3;
    private static final Duration CONVERGE = Duration.ofMinutes(3);
    private static final Duration BROADCAST_DEADLINE = Duration.ofSeconds(30);
    private static final Duration PING_PERIOD = Duration.ofSeconds(2);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(6);

    private Topology<P2pNodeContainer> topology;
    private long suiteStart;

    @BeforeAll
    void start() {
        suiteStart = System.nanoTime();
        // node0 and node4 are boot nodes, so each half of the later partition has one it can reach by name.
        topology = Topology.start(NODES, "noise", (i, n) -> n.withTargetOutbound(TARGET).withMaxInbound(16)
                .withPing(PING_PERIOD, PING_TIMEOUT)
                .withBootNodes(i == 4 ? new String[0] : new String[] {"noise://node4:23031"}));
        log.info("8 containers up in {} s", Topology.since(suiteStart).toSeconds());
    }

    /** Whatever ran before (or failed), every test starts from eight converged nodes. */
    @BeforeEach
    void eightConvergedNodes(TestInfo test) {
        awaitConverged(topology.nodes(), "before " + test.getDisplayName());
    }

    @AfterAll
    void stop() {
        if (topology != null) {
            topology.close();
        }
        log.info("eight-node suite wall time {} s", Topology.since(suiteStart).toSeconds());
    }

    private List<P2pNodeContainer> nodes(int from, int to) {
        return topology.nodes().subList(from, to);
    }

    private void awaitConverged(List<P2pNodeContainer> among, String what) {
        log.info("{}: converged in {} ms", what, Topology.awaitConverged(among, TARGET, CONVERGE).toMillis());
    }

    /** Every node has a peer and the group is one component (a half of four cannot always fill 3 outbound slots). */
    private void awaitConnected(List<P2pNodeContainer> among, String what) {
        log.info("{}: connected in {} ms", what, Topology.awaitConverged(among, 1, CONVERGE).toMillis());
    }

    /**
     * Waits until no node of {@code among} lists a peer outside it or at an address that is gone: after
     * a partition or its heal, connections that died silently are only found by keepalive (ping period
     * 2 s + timeout 6 s here), and a broadcast sent into one of them is lost on that link. This waits
     * for that detection; it never sends a message again.
     */
    private void awaitDeadLinksDropped(List<P2pNodeContainer> among, String what) throws Exception {
        long t0 = System.nanoTime();
        String stale = "";
        while (Topology.since(t0).compareTo(Duration.ofMinutes(1)) < 0) {
            java.util.Map<String, String> live = new java.util.HashMap<>();
            for (P2pNodeContainer n : among) {
                n.ipAddresses().forEach(ip -> live.put(ip, n.name()));
                live.put(n.name(), n.name());
            }
            StringBuilder found = new StringBuilder();
            for (P2pNodeContainer n : among) {
                for (JsonNode p : n.admin().get("peers")) {
                    String host = p.get("address").asText().replaceFirst("^\\w+://", "").replaceFirst(":\\d+(#.*)?$", "");
                    if (!live.containsKey(host)) {
                        found.append(n.name()).append("->").append(host).append(' ');
                    }
                }
            }
            stale = found.toString();
            if (stale.isEmpty()) {
                log.info("{}: dead links dropped after {} ms", what, Topology.since(t0).toMillis());
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(what + ": links to nodes outside the group still listed after 1 minute: " + stale);
    }

    /** One broadcast from {@code from}; every node of {@code among} must have it within 30 s, or the test fails naming the nodes that missed it. */
    private void awaitBroadcastReaches(P2pNodeContainer from, List<P2pNodeContainer> among, String text) {
        Topology.awaitBroadcastReaches(from, among, text, BROADCAST_DEADLINE);
    }

    @Test
    void eightNodesFromOneBootNodeConvergeAndABroadcastReachesAll() throws Exception {
        awaitConverged(topology.nodes(), "8 nodes from boot nodes");
        awaitBroadcastReaches(topology.node(3), topology.nodes(), "hello from node3");
    }

    @Test
    void wrongNetworkAndUnsupportedVersionAreRefusedAndNeverListed() throws Exception {
        P2pNodeContainer testnet = topology.add(new P2pNodeContainer("stranger-net").withNetworkName("testnet")
                .withBootNodes("noise://node0:23031"));
        P2pNodeContainer old = topology.add(new P2pNodeContainer("stranger-v1").withProtocolVersion(1)
                .withBootNodes("noise://node0:23031"));
        try {
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                String m = topology.node(0).admin().getText("metrics");
                return m.contains("reason=\"wrong_network\",result=\"failed\"")
                        && m.contains("reason=\"unsupported_version\",result=\"failed\"");
            });
            assertThat(testnet.admin().get("peers")).isEmpty();
            assertThat(old.admin().get("peers")).isEmpty();
            String strangerIps = ip(testnet) + "|" + ip(old);
            for (P2pNodeContainer n : nodes(0, NODES)) {
                for (JsonNode p : n.admin().get("peers")) {
                    assertThat(p.get("address").asText()).doesNotContainPattern(strangerIps.replace(".", "\\."));
                }
            }
        } finally {
            testnet.stop();
            old.stop();
            topology.nodes().removeAll(List.of(testnet, old));
        }
    }

    private static String ip(P2pNodeContainer n) {
        return n.getContainerInfo().getNetworkSettings().getNetworks().values().iterator().next().getIpAddress();
    }

    @Test
    void pausedNodeIsDroppedForIgnoringPingsAndComesBack() throws Exception {
        P2pNodeContainer sleeper = topology.node(5);
        List<P2pNodeContainer> others = new ArrayList<>(topology.nodes());
        others.remove(sleeper);
        Map<P2pNodeContainer, Double> before = new HashMap<>();
        for (P2pNodeContainer n : others) {
            before.put(n, pingTimeouts(n));
        }
        sleeper.pause();
        try {
            // Counted from here: a partition before this test leaves ping timeouts of its own.
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                for (P2pNodeContainer n : others) {
                    if (pingTimeouts(n) > before.get(n)) {
                        return true;
                    }
                }
                return false;
            });
        } finally {
            sleeper.unpause();
        }
        awaitConverged(topology.nodes(), "after unpausing node5");
    }

    /** The node's count of peers dropped for not answering a ping (0 before the first). */
    private static double pingTimeouts(P2pNodeContainer n) throws Exception {
        String series = "mintp2p_disconnects_total{reason=\"ping_timeout\"} ";
        for (String line : n.admin().getText("metrics").split("\n")) {
            if (line.startsWith(series)) {
                return Double.parseDouble(line.substring(series.length()).trim());
            }
        }
        return 0;
    }

    @Test
    void partitionedHalvesKeepWorkingAndHealIntoOne() throws Exception {
        List<P2pNodeContainer> left = nodes(0, 4);
        List<P2pNodeContainer> right = nodes(4, 8);
        topology.partition(right);
        boolean healed = false;
        try {
            // Connections across the cut (and the right half's old connections on the main network)
            // die silently: keepalive finds each within ping period + timeout. Until then a node's
            // peer list still shows them, and a broadcast sent into one is lost on that link.
            awaitDeadLinksDropped(left, "left half");
            awaitDeadLinksDropped(right, "right half");
            awaitConnected(left, "left half while partitioned");
            awaitConnected(right, "right half while partitioned");
            awaitBroadcastReaches(topology.node(1), left, "left only");
            awaitBroadcastReaches(topology.node(6), right, "right only");
            topology.heal(right);
            healed = true;
        } finally {
            if (!healed) {
                topology.heal(right); // so that the next test finds one network
            }
        }
        awaitDeadLinksDropped(topology.nodes(), "after healing");
        awaitConverged(topology.nodes(), "after healing the partition");
        awaitBroadcastReaches(topology.node(7), topology.nodes(), "together again");
    }

    @Test
    void killedNodeRestartsFromItsDataDirWithoutTheBootNodes() throws Exception {
        P2pNodeContainer victim = topology.node(6);
        List<P2pNodeContainer> boots = List.of(topology.node(0), topology.node(4));
        List<P2pNodeContainer> alive = List.of(topology.node(1), topology.node(2), topology.node(3),
                topology.node(5), victim, topology.node(7));
        // The address book is saved every 30 s: wait until the saved one can find the survivors.
        List<P2pNodeContainer> others = alive.stream().filter(n -> n != victim).toList();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .untilAsserted(() -> assertThat(savedInBook(victim, others)).as("survivors in %s's saved address book",
                        victim.name()).hasSizeGreaterThanOrEqualTo(TARGET));
        boots.forEach(P2pNodeContainer::kill);
        try {
            victim.kill();
            victim.restart();
            long t0 = System.nanoTime();
            await().atMost(CONVERGE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> Topology.outbound(victim) >= TARGET);
            log.info("killed node reconnected from its address book in {} ms", Topology.since(t0).toMillis());
            awaitConverged(alive, "survivors after the kill");
        } finally {
            boots.forEach(P2pNodeContainer::restart); // the other tests find their boot nodes again
        }
    }

    /** The nodes of {@code among} whose address is in {@code n}'s address book file as last saved. */
    private static List<String> savedInBook(P2pNodeContainer n, List<P2pNodeContainer> among) {
        String book = n.copyFileFromContainer("/data/peers.txt", in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
        return among.stream().filter(o -> o.ipAddresses().stream().anyMatch(ip -> book.contains("://" + ip + ":")))
                .map(P2pNodeContainer::name).toList();
    }
}
