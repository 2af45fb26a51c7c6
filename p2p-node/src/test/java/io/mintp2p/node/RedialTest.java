package io.mintp2p.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes: a boot node that is full (one inbound slot, taken) serves a newcomer addresses and
 * lets it go. The newcomer must back off like after a failed dial, not redial every second (it did,
 * 60 times a minute, before connections that end right after the handshake counted as failures).
 */
class RedialTest {
    @Test
    @Timeout(180)
    void aFullBootNodeSeesANewcomerAFewTimesAMinuteNotEverySecond(@TempDir Path dir) throws Exception {
        try (NodeProcess boot = new NodeProcess("--listen", "tcp://127.0.0.1:0", "--max-inbound", "1",
                "--data-dir", dir.resolve("boot").toString(), "--whitelist-loopback").awaitStarted();
             NodeProcess filler = new NodeProcess("--listen", "tcp://127.0.0.1:0", "--boot", boot.listen,
                     "--data-dir", dir.resolve("filler").toString(), "--whitelist-loopback").awaitStarted()) {
            await().atMost(30, TimeUnit.SECONDS).until(() -> boot.admin().get("peers").size() >= 1);
            try (NodeProcess newcomer = new NodeProcess("--listen", "tcp://127.0.0.1:0", "--boot", boot.listen,
                    "--data-dir", dir.resolve("newcomer").toString(), "--whitelist-loopback").awaitStarted()) {
                long started = System.nanoTime();
                Thread.sleep(Duration.ofSeconds(60).toMillis());
                double served = boot.metric("mintp2p_served_and_dropped_total");
                System.out.printf("REDIAL a full boot node served-and-dropped the newcomer %.0f times in %.0f s%n",
                        served, (System.nanoTime() - started) / 1e9);
                assertThat(served).as("connections from the newcomer in a minute").isBetween(1.0, 6.0);
                long inbound = 0;
                for (var peer : boot.admin().get("peers")) {
                    inbound += peer.get("direction").asText().equals("INBOUND") ? 1 : 0;
                }
                assertThat(inbound).as("the filler kept the only inbound slot").isEqualTo(1);
            }
        }
    }
}
