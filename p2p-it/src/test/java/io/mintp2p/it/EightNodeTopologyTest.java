package io.mintp2p.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * Eight nodes over TCP on their own Docker network, then faults one after the other: strangers on
 * another network or version, a paused node, a partition and its heal, and a kill -9 with the boot
 * nodes gone.
 */
@ExtendWith(RequiresDocker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EightNodeTopologyTest {
    private static final Logger log = LoggerFactory.getLogger(EightNodeTopologyTest.class);
    static final int NODES = 8;
    static final int TARGET = 3;
    private static final Duration CONVERGE = Duration.ofMinutes(3);
    private static final Duration BROADCAST_DEADLINE = Duration.ofSeconds(30);
    private static final Duration PING_PERIOD = Duration.ofSeconds(2);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(6);

    private Topology topology;
    private long suiteStart;

    @BeforeAll
    void start() {
        suiteStart = System.nanoTime();
        // node0 and node4 are boot nodes, so each half of the later partition has one it can reach by name.
        topology = Topology.start(NODES, "tcp", (i, n) -> n.withTargetOutbound(TARGET).withMaxInbound(16)
                .withPing(PING_PERIOD, PING_TIMEOUT)
                .withBootNodes(i == 4 ? new String[0] : new String[] {"tcp://node4:23031"}));
        log.info("8 containers up in {} s", Topology.since(suiteStart).toSeconds());
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
    @Order(1)
    void eightNodesFromOneBootNodeConvergeAndABroadcastReachesAll() throws Exception {
        awaitConverged(topology.nodes(), "8 nodes from boot nodes");
        awaitBroadcastReaches(topology.node(3), topology.nodes(), "hello from node3");
    }

    @Test
    @Order(2)
    void wrongNetworkAndUnsupportedVersionAreRefusedAndNeverListed() throws Exception {
        P2pNodeContainer testnet = topology.add(new P2pNodeContainer("stranger-net").withNetworkName("testnet")
                .withBootNodes("tcp://node0:23031"));
        P2pNodeContainer old = topology.add(new P2pNodeContainer("stranger-v1").withProtocolVersion(1)
                .withBootNodes("tcp://node0:23031"));
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
    @Order(3)
    void pausedNodeIsDroppedForIgnoringPingsAndComesBack() throws Exception {
        P2pNodeContainer sleeper = topology.node(5);
        sleeper.pause();
        try {
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() ->
                    nodes(0, NODES).stream().filter(n -> n != sleeper).anyMatch(n -> {
                        try {
                            return n.admin().getText("metrics").contains("mintp2p_disconnects_total{reason=\"ping_timeout\"}");
                        } catch (Exception e) {
                            return false;
                        }
                    }));
        } finally {
            sleeper.unpause();
        }
        awaitConverged(topology.nodes(), "after unpausing node5");
    }

    @Test
    @Order(4)
    void partitionedHalvesKeepWorkingAndHealIntoOne() throws Exception {
        List<P2pNodeContainer> left = nodes(0, 4);
        List<P2pNodeContainer> right = nodes(4, 8);
        topology.partition(right);
        boolean healed = false;
        try {
            // Connections across the cut (and the right half's old connections on the main network)
            // die silently: keepalive finds each within ping period + timeout. Until then a node's
            // peer list still shows them, and a broadcast sent into one is lost on that link.
            waitForKeepalive();
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
        waitForKeepalive(); // the right half's connections on the side network are gone now
        awaitDeadLinksDropped(topology.nodes(), "after healing");
        awaitConverged(topology.nodes(), "after healing the partition");
        awaitBroadcastReaches(topology.node(7), topology.nodes(), "together again");
    }

    /** Ping period + ping timeout of these nodes, and a margin: every dead connection has been found after that. */
    private static void waitForKeepalive() throws InterruptedException {
        Thread.sleep(PING_PERIOD.plus(PING_TIMEOUT).plusSeconds(2).toMillis());
    }

    @Test
    @Order(5)
    void killedNodeRestartsFromItsDataDirWithoutTheBootNodes() throws Exception {
        // The address book is saved every 30 s: give the last changes time to reach the disk.
        Thread.sleep(35_000);
        topology.node(0).stop();
        topology.node(4).stop();
        P2pNodeContainer victim = topology.node(6);
        victim.kill();
        victim.restart();
        List<P2pNodeContainer> alive = List.of(topology.node(1), topology.node(2), topology.node(3),
                topology.node(5), victim, topology.node(7));
        long t0 = System.nanoTime();
        await().atMost(CONVERGE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> Topology.outbound(victim) >= TARGET);
        log.info("killed node reconnected from its address book in {} ms", Topology.since(t0).toMillis());
        awaitConverged(alive, "survivors after the kill");
    }
}
