package io.mintp2p.examples.chain.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mintp2p.it.CustomNodeContainer;
import io.mintp2p.it.Images;
import io.mintp2p.it.NetworkConditions;
import io.mintp2p.it.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The reference node in containers (p2p-it): six nodes of the example's own image, each behind 200 ms
 * of latency and 2 % loss, node0 mining; every node ends on node0's last block. Runs in the package
 * phase (it needs the shaded jar) where a Docker engine answers.
 */
@Tag("containers")
@ExtendWith(DockerAvailable.class)
class ChainContainersTest {
    static final int NODES = 6;
    static final int PORT = 23040;
    static final int BLOCKS = 20;
    static final NetworkConditions CONDITIONS = NetworkConditions.latency(Duration.ofMillis(200)).loss(2.0);
    static final Pattern TIP = Pattern.compile("TIP name=node0 height=" + BLOCKS + " hash=(\\p{XDigit}{64})");

    static String image() {
        return Images.builder().jar(Path.of(System.getProperty("chain.nodeJar", "target/chain-node.jar")))
                .jvmOptions("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                .tag("mintp2p-examples/chain-node:dev").build();
    }

    static List<String> commandLine(int index, List<String> boot) {
        List<String> args = new ArrayList<>(List.of("--listen", "tcp://0.0.0.0:" + PORT, "--name", "node" + index));
        boot.forEach(b -> args.addAll(List.of("--boot", b)));
        if (index == 0) {
            // Mining starts once the others are up and shaped: every block crosses the degraded links.
            args.addAll(List.of("--mine-delay", "30s", "--mine-interval", "1s", "--mine-blocks", String.valueOf(BLOCKS)));
        }
        return args;
    }

    @Test
    void sixNodesBehind200msAnd2PercentLossConvergeOnTheMinersTip() {
        String image = image();
        Topology<CustomNodeContainer> t = Topology.builder().nodes(NODES)
                .containers((i, name, boot) -> new CustomNodeContainer(name, image).withP2pPort(PORT)
                        .withBootNodes(boot.toArray(String[]::new))
                        .withCommandLine(c -> commandLine(i, c.bootNodes()))
                        .waitingFor(Wait.forLogMessage(".*READY .*", 1)))
                .build();
        try (t) {
            long t0 = System.nanoTime();
            t.start();
            long started = System.nanoTime();
            t.nodes().forEach(n -> n.withNetworkConditions(CONDITIONS));
            String tip = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                    .until(() -> lastTip(t.node(0).getLogs()), Optional::isPresent).orElseThrow();
            long mined = System.nanoTime();
            Duration converged = t.awaitEach(Wait.forLogMessage(".*TIP .* hash=" + tip + ".*", 1), Duration.ofMinutes(3));
            String line = String.format(Locale.ROOT, "CONTAINERS %d nodes behind %s: started in %d ms; %d blocks mined "
                            + "at node0 over %d s; every node on its last block %d ms after it was mined",
                    NODES, CONDITIONS, (started - t0) / 1_000_000, BLOCKS, (mined - started) / 1_000_000_000,
                    converged.toMillis());
            System.out.println(line);
            assertThat(converged).isLessThan(Duration.ofMinutes(3));
        }
    }

    static Optional<String> lastTip(String logs) {
        Matcher m = TIP.matcher(logs);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
