package io.mintp2p.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mintp2p.it.sample.SampleChainNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * A node that is not the stock one, run as a user of p2p-it runs theirs: an image built from a class path
 * (the stock node's jar for its libraries, this module's test classes for {@link SampleChainNode}) with its
 * own main class, JVM options and tag; containers with their own command line, p2p port and readiness
 * check, made by a {@link NodeFactory}; network conditions on them; convergence read from their logs.
 */
@ExtendWith(RequiresDocker.class)
class CustomNodeTopologyTest {
    static final int PORT = 4100;
    static final String TAG = "mintp2p-it/sample-chain:test";
    private static final Duration CONVERGE = Duration.ofMinutes(3);
    private static final Pattern PEERS = Pattern.compile("peers=(\\d+)");

    static String sampleImage() throws Exception {
        Path nodeJar = Path.of(System.getProperty("mintp2p.nodeJar", "../p2p-node/target/p2p-node.jar"));
        Path testClasses = Path.of(SampleChainNode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Images.builder().jar(nodeJar).classes(testClasses).mainClass(SampleChainNode.class.getName())
                .jvmOptions("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1").tag(TAG).build();
    }

    /** node0 is ready by the default check (its p2p port accepts), the others by their log line. */
    static CustomNodeContainer sampleNode(String image, int index, String name, List<String> boot) {
        CustomNodeContainer n = new CustomNodeContainer(name, image).withP2pPort(PORT).withBootNodes(boot.toArray(String[]::new))
                .withCommandLine(c -> {
                    List<String> args = new ArrayList<>(List.of("--listen", "tcp://0.0.0.0:" + c.p2pPort(),
                            "--target-outbound", "2", "--ping-seconds", "2"));
                    c.bootNodes().forEach(b -> args.addAll(List.of("--boot", b)));
                    return args;
                })
                .withNetworkConditions(NetworkConditions.latency(Duration.ofMillis(200)).loss(2.0));
        if (index > 0) {
            n.waitingFor(Wait.forLogMessage(".*" + SampleChainNode.READY + ".*", 1).withStartupTimeout(Duration.ofMinutes(2)));
        }
        return n;
    }

    /** The last peer count each node printed, node0 first (-1: none yet). Reads the containers' logs; blocks. */
    static List<Integer> peerCounts(Topology<CustomNodeContainer> t) {
        List<Integer> counts = new ArrayList<>();
        for (CustomNodeContainer n : t.nodes()) {
            Matcher m = PEERS.matcher(n.getLogs());
            int last = -1;
            while (m.find()) {
                last = Integer.parseInt(m.group(1));
            }
            counts.add(last);
        }
        return counts;
    }

    private static void awaitPeerCounts(Topology<CustomNodeContainer> t, List<Integer> expected, String what) {
        await(what).atMost(CONVERGE).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(peerCounts(t)).as(what).isEqualTo(expected));
    }

    @Test
    void threeNodesOfAnotherKindConvergeUnderLatencyAndLossAndSurviveAPartition() throws Exception {
        String image = sampleImage();
        assertThat(image).isEqualTo(TAG);
        String id = NodeContainer.docker().inspectImageCmd(TAG).exec().getId();
        assertThat(sampleImage()).isEqualTo(TAG);
        assertThat(NodeContainer.docker().inspectImageCmd(TAG).exec().getId()).as("same content: not rebuilt").isEqualTo(id);

        try (Topology<CustomNodeContainer> t = Topology.builder().nodes(3)
                .containers((i, name, boot) -> sampleNode(image, i, name, boot)).build()) {
            t.start();
            assertThat(t.node(1).bootNodes()).containsExactly("tcp://node0:" + PORT);
            assertThat(t.node(2).getCommandParts()).containsSequence("--boot", "tcp://node0:" + PORT);
            assertThat(t.node(2).networkConditions()).isEqualTo(NetworkConditions.latency(Duration.ofMillis(200)).loss(2.0));
            assertThat(t.node(2).describeNetworkConditions()).contains("NFQUEUE");

            t.awaitEach(Wait.forLogMessage(".*peers=2.*", 1), CONVERGE);
            awaitPeerCounts(t, List.of(2, 2, 2), "converged");

            // node2 alone on a network of its own: the others lose it (by ping timeout), and find it again once healed.
            t.partition(List.of(t.node(2)));
            awaitPeerCounts(t, List.of(1, 1, 0), "partitioned");
            t.heal(List.of(t.node(2)));
            awaitPeerCounts(t, List.of(2, 2, 2), "healed");
        }
    }
}
