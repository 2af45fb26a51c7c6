package io.mintp2p.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes, a smoke test of what {@code RedialSimulationTest} (p2p-transport-inmemory) proves
 * on virtual time: a boot node that is full (one inbound slot, taken) serves a newcomer addresses
 * and lets it go, and the filler keeps its slot. How often the newcomer comes back is the node's
 * back-off, counted there: here it would cost a wall-clock minute and a margin.
 */
class RedialTest {
    @Test
    @Timeout(120)
    void aFullBootNodeServesANewcomerAndLetsItGo(@TempDir Path dir) throws Exception {
        try (NodeProcess boot = new NodeProcess("--listen", "tcp://127.0.0.1:0", "--max-inbound", "1",
                "--data-dir", dir.resolve("boot").toString(), "--whitelist-loopback").awaitStarted();
             NodeProcess filler = new NodeProcess("--listen", "tcp://127.0.0.1:0", "--boot", boot.listen,
                     "--data-dir", dir.resolve("filler").toString(), "--whitelist-loopback").awaitStarted()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> boot.admin().get("peers").size() >= 1);
            try (NodeProcess newcomer = new NodeProcess("--listen", "tcp://127.0.0.1:0", "--boot", boot.listen,
                    "--data-dir", dir.resolve("newcomer").toString(), "--whitelist-loopback").awaitStarted()) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> boot.metric("mintp2p_served_and_dropped_total") >= 1);
                assertThat(filler.admin().get("peers")).as("the filler kept the only inbound slot")
                        .anyMatch(p -> p.get("direction").asText().equals("OUTBOUND")
                                && p.get("address").asText().startsWith(boot.listen));
            }
        }
    }
}
