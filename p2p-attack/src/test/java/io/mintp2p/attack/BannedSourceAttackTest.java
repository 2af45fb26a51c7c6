package io.mintp2p.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Extra: bans are checked at accept, before TLS. A banned source (127.0.13.1) tries 50 TLS 1.3
 * connections with a client certificate; the node must drop every one before the TLS handshake
 * completes (no CPU spent on handshakes for banned addresses), while an honest TLS peer gets in.
 */
class BannedSourceAttackTest {
    static final int ATTEMPTS = 50;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void bannedSourceNeverCompletesTls() throws Exception {
        try (TargetNode target = TargetNode.tls()) {
            InetAddress banned = SourceAddresses.of(13, 1);
            target.node().ban(banned, Duration.ofHours(1), "attack suite");
            await("ban in place").atMost(Duration.ofSeconds(5))
                    .until(() -> target.node().bans().join().stream().anyMatch(b -> b.address().equals(banned)));
            TlsDialer tls = new TlsDialer();
            int completed = 0;
            int dropped = 0;
            for (int i = 0; i < ATTEMPTS; i++) {
                try (Socket s = tls.open(target.address(), banned, 2000)) {
                    completed += s.isConnected() ? 1 : 0;
                } catch (IOException e) {
                    dropped++;
                }
            }
            HonestResult honest = HonestPeer.tls(target.address(), SourceAddresses.honest(13)).attempt();

            Report.line("banned-source", "honest " + honest, "banned source TLS completed " + completed + "/"
                    + ATTEMPTS + " dropped " + dropped, target.admissionSummary());

            assertThat(honest.ok()).as("honest TLS peer: %s", honest).isTrue();
            assertThat(completed).as("TLS handshakes a banned source completed").isZero();
        }
    }
}
