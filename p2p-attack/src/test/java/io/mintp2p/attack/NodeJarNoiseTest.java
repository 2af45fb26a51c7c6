package io.mintp2p.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real node jar, default options but a free port ({@code run --listen noise://127.0.0.1:<port>}), against
 * an independent Noise implementation (noise-java, {@link NoiseSocket}): Noise XX, Hello/HelloAck and a ping
 * inside, three times on fresh connections. Skipped when the jar is not built.
 */
class NodeJarNoiseTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anIndependentNoisePeerTalksToTheNodeJar() throws Exception {
        Path jar = Path.of(System.getProperty("mintp2p.nodeJar", "../p2p-node/target/p2p-node.jar")).toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(jar), "node jar not built: " + jar + " (mvn -pl p2p-node -am package -DskipTests)");
        try (NodeProcess node = NodeProcess.start(jar, Duration.ofSeconds(30), "noise")) {
            HonestPeer peer = new HonestPeer(node.address(), SourceAddresses.honest(21), NoiseSocket.dialer(), Duration.ofSeconds(10));
            List<HonestResult> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                HonestResult r = peer.attempt();
                assertThat(r.ok()).as("attempt %d: %s; node log:%n%s", i, r, node.log()).isTrue();
                results.add(r);
            }
            Report.line("node-jar-noise", "noise-java peer against the jar: " + HonestProbe.summary(results));
        }
    }
}
