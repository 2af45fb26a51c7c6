package io.mintp2p.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes: a ban the admin API answered 200 is on disk. The node is killed with SIGKILL right
 * after the answer (no shutdown hook, no save at stop) and restarted on the same data dir, five
 * times; every ban answered so far must be there.
 */
class DurableBanTest {
    private static final int ROUNDS = 5;

    @Test
    @Timeout(300)
    void aBanAnsweredBeforeAKillIsThereAfterTheRestart(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("node");
        List<String> answered = new ArrayList<>();
        for (int round = 0; round <= ROUNDS; round++) {
            try (NodeProcess node = new NodeProcess("--listen", "tcp://127.0.0.1:0", "--data-dir", data.toString())
                    .awaitStarted()) {
                assertThat(banned(node)).as("bans answered before the kills").containsAll(answered);
                if (round == ROUNDS) {
                    break;
                }
                String ip = "192.0.2." + (100 + round);
                assertThat(node.admin().post("ban", Map.of("address", ip)).get("banned").asText()).isEqualTo(ip);
                node.process.destroyForcibly(); // SIGKILL, at once after the 200
                assertThat(node.process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
                answered.add(ip);
            }
        }
        assertThat(answered).hasSize(ROUNDS);
    }

    private static List<String> banned(NodeProcess node) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode ban : node.admin().get("bans")) {
            out.add(ban.get("address").asText());
        }
        return out;
    }
}
