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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The reference node in containers (p2p-it): six nodes of the example's own image, each behind 200 ms
 * of latency and 2 % loss, node0 mining; every node ends on node0's last block. The figures come from
 * the nodes' own {@code TIP ... at=} lines (containers share the host's clock): how long each block took
 * to be every node's tip. Runs in the package phase (it needs the shaded jar) where a Docker engine answers.
 */
@Tag("containers")
@ExtendWith(DockerAvailable.class)
class ChainContainersTest {
    static final int NODES = 6;
    static final int PORT = 23040;
    static final int BLOCKS = 20;
    static final NetworkConditions CONDITIONS = NetworkConditions.latency(Duration.ofMillis(200)).loss(2.0);
    static final Pattern TIP = Pattern.compile("TIP name=\\S+ height=(\\d+) hash=(\\p{XDigit}{64}) work=\\d+ at=(\\d+)");

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
            String last = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> tips(t.node(0).getLogs()).entrySet().stream()
                            .filter(e -> e.getValue().height() == BLOCKS).map(Map.Entry::getKey).findFirst().orElse(null),
                            h -> h != null);
            t.awaitEach(Wait.forLogMessage(".*TIP .* hash=" + last + " .*", 1), Duration.ofMinutes(3));

            // How long after node0 took a block did the last node take it (blocks a node skipped, taking a
            // later one in the same batch, count at that later one's time).
            Map<String, Tip> mined = tips(t.node(0).getLogs());
            List<Map<String, Tip>> others = t.nodes().subList(1, NODES).stream().map(n -> tips(n.getLogs())).toList();
            List<Long> spread = new ArrayList<>();
            for (Tip m : mined.values()) {
                long latest = 0;
                for (Map<String, Tip> o : others) {
                    latest = Math.max(latest, o.values().stream().filter(x -> x.height() >= m.height())
                            .mapToLong(Tip::at).min().orElseThrow() - m.at());
                }
                spread.add(latest);
            }
            Collections.sort(spread);
            String line = String.format(Locale.ROOT, "CONTAINERS %d nodes each behind %s: started in %d ms; %d blocks "
                            + "mined at node0, one a second; each was every node's tip after median %d ms, max %d ms; "
                            + "the last block after %d ms", NODES, CONDITIONS, (started - t0) / 1_000_000, BLOCKS,
                    spread.get(spread.size() / 2), spread.get(spread.size() - 1),
                    lastSpread(mined, others, last));
            System.out.println(line);
            assertThat(mined).hasSize(BLOCKS);
            // Two nodes' shaping on every link: at least one 200 ms delay per hop.
            assertThat(spread.get(0)).isGreaterThanOrEqualTo(200);
        }
    }

    record Tip(long height, long at) {
    }

    static long lastSpread(Map<String, Tip> mined, List<Map<String, Tip>> others, String last) {
        return others.stream().mapToLong(o -> o.get(last).at()).max().orElseThrow() - mined.get(last).at();
    }

    /** The TIP lines of a node's log, by hash (the first time each hash was its tip). */
    static Map<String, Tip> tips(String logs) {
        Map<String, Tip> out = new LinkedHashMap<>();
        Matcher m = TIP.matcher(logs);
        while (m.find()) {
            out.putIfAbsent(m.group(2), new Tip(Long.parseLong(m.group(1)), Long.parseLong(m.group(3))));
        }
        return out;
    }
}
