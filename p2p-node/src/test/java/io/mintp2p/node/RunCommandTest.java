package io.mintp2p.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} as separate processes, looked at through the admin API over real HTTP. */
class RunCommandTest {
    @Test
    void twoNodesFromABootNodeThroughTheAdminApi(@TempDir Path dir) throws Exception {
        try (NodeProcess boot = new NodeProcess("--listen", "tcp://127.0.0.1:0", "--data-dir", dir.resolve("a").toString(),
                "--whitelist-loopback", "--ping-period", "1s", "--name", "boot-a").awaitStarted();
             NodeProcess second = new NodeProcess("--listen", "tcp://127.0.0.1:0", "--boot", boot.listen,
                     "--data-dir", dir.resolve("b").toString(), "--whitelist-loopback", "--ping-period", "1s")
                     .awaitStarted()) {
            AdminClient a = boot.admin();
            AdminClient b = second.admin();
            await().atMost(30, TimeUnit.SECONDS).until(() -> outboundTo(b, boot.listen) != null);
            JsonNode peerOfB = outboundTo(b, boot.listen);
            assertThat(peerOfB.get("direction").asText()).isEqualTo("OUTBOUND");
            assertThat(peerOfB.get("address").asText()).isEqualTo(boot.listen);
            assertThat(peerOfB.get("protocolVersion").asInt()).isEqualTo(3);
            assertThat(b.get("health").get("status").asText()).isEqualTo("UP");

            JsonNode sent = a.post("broadcast", Map.of("payload", "hello from the boot node"));
            assertThat(sent.get("sentTo").asInt()).isPositive();
            await().atMost(30, TimeUnit.SECONDS).until(() -> b.get("messages").size() == 1);
            assertThat(b.get("messages").get(0).get("payload").asText()).isEqualTo("hello from the boot node");

            await().atMost(30, TimeUnit.SECONDS).until(() -> !outboundTo(b, boot.listen).get("lastPingRttMillis").isNull());
            String metrics = b.getText("metrics");
            assertThat(metrics).contains("mintp2p_peers{direction=\"outbound\"} 1.0")
                    .contains("mintp2p_messages_total{direction=\"in\",type=\"gossip\"}")
                    .contains("mintp2p_pings_total");

            assertThat(second.terminate()).isIn(0, 143);
            await().atMost(30, TimeUnit.SECONDS).until(() -> a.get("peers").isEmpty());
            assertThat(a.getText("metrics")).as("b said goodbye when it stopped")
                    .contains("mintp2p_disconnects_total{reason=\"peer_will_disconnect\"}");
            assertThat(Files.readString(dir.resolve("b").resolve("peers.txt"))).contains(boot.listen);
            assertThat(boot.output).as("--name is in the log lines written on the node's threads")
                    .anyMatch(line -> line.contains("[boot-a]") && line.contains("listening on"));
        }
    }

    /** The peer entry of {@code admin}'s outbound connection to {@code address}, or null. */
    private static JsonNode outboundTo(AdminClient admin, String address) throws Exception {
        for (JsonNode p : admin.get("peers")) {
            if (p.get("direction").asText().equals("OUTBOUND") && p.get("address").asText().equals(address)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void restartKeepsTheTlsIdentityAndTheAddressBook(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("node");
        String firstIdentity;
        try (NodeProcess boot = new NodeProcess("--listen", "tcp://127.0.0.1:0", "--data-dir", dir.resolve("boot").toString(),
                "--whitelist-loopback").awaitStarted()) {
            try (NodeProcess node = new NodeProcess("--listen", "tls://127.0.0.1:0", "--listen", "tcp://127.0.0.1:0",
                    "--boot", boot.listen, "--data-dir", data.toString(), "--whitelist-loopback").awaitStarted()) {
                firstIdentity = node.identity;
                assertThat(firstIdentity).hasSize(64);
                assertThat(node.admin().get("health").get("identity").asText()).isEqualTo(firstIdentity);
                await().atMost(30, TimeUnit.SECONDS).until(() -> outboundTo(node.admin(), boot.listen) != null);
                assertThat(node.terminate()).isIn(0, 143);
            }
            try (NodeProcess again = new NodeProcess("--listen", "tls://127.0.0.1:0", "--data-dir", data.toString(),
                    "--whitelist-loopback").awaitStarted()) {
                assertThat(again.identity).isEqualTo(firstIdentity);
                JsonNode book = again.admin().get("addresses");
                assertThat(book.get("entries").toString()).contains(boot.listen);
                assertThat(again.terminate()).isIn(0, 143);
            }
        }
    }
}
