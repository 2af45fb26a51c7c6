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

    private Topology topology;
    private long suiteStart;

    @BeforeAll
    void start() {
        suiteStart = System.nanoTime();
        // node0 and node4 are boot nodes, so each half of the later partition has one it can reach by name.
        topology = Topology.start(NODES, "tcp", (i, n) -> n.withTargetOutbound(TARGET).withMaxInbound(16)
                .withPing(Duration.ofSeconds(2), Duration.ofSeconds(6))
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
        long t0 = System.nanoTime();
        await().atMost(CONVERGE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            for (P2pNodeContainer n : among) {
                if (Topology.outbound(n) < Math.min(TARGET, among.size() - 1)) {
                    return false;
                }
            }
            return Topology.components(among) == 1;
        });
        log.info("{}: converged in {} ms", what, Topology.since(t0).toMillis());
    }

    /** Every node has a peer and the group is one component (a half of four cannot always fill 3 outbound slots). */
    private void awaitConnected(List<P2pNodeContainer> among, String what) {
        long t0 = System.nanoTime();
        await().atMost(CONVERGE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            for (P2pNodeContainer n : among) {
                if (Topology.outbound(n) < 1) {
                    return false;
                }
            }
            return Topology.components(among) == 1;
        });
        log.info("{}: connected in {} ms", what, Topology.since(t0).toMillis());
    }

    /**
     * A broadcast from {@code from} reaches every node of {@code among}. Right after a fault, links
     * that died silently are only found out by the next ping, and a message sent into one is lost:
     * so a fresh message is sent every 10 s until one arrives everywhere (within 2 minutes).
     */
    private void awaitBroadcastReaches(P2pNodeContainer from, List<P2pNodeContainer> among, String text)
            throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + Duration.ofMinutes(2).toNanos();
        int attempt = 0;
        while (System.nanoTime() < deadline) {
            attempt++;
            String id = from.admin().post("broadcast", Map.of("payload", text + " #" + attempt)).get("id").asText();
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < until) {
                try {
                    if (Topology.allReceived(among, id)) {
                        log.info("broadcast '{}' reached {} nodes (attempt {}, {} ms)", text, among.size(), attempt,
                                Topology.since(t0).toMillis());
                        return;
                    }
                } catch (Exception e) {
                    // a node busy reconnecting: ask again
                }
                Thread.sleep(500);
            }
        }
        throw new AssertionError("no broadcast of '" + text + "' reached all of " + Topology.names(among) + " in 2 minutes");
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
        awaitConnected(left, "left half while partitioned");
        awaitConnected(right, "right half while partitioned");
        awaitBroadcastReaches(topology.node(1), left, "left only");
        awaitBroadcastReaches(topology.node(6), right, "right only");
        topology.heal(right);
        awaitConverged(topology.nodes(), "after healing the partition");
        awaitBroadcastReaches(topology.node(7), topology.nodes(), "together again");
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
