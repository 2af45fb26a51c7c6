package io.mintp2p.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes over tls: the key a peer proves at the first handshake to an address is pinned;
 * after that peer comes back with another key at the same address the dial is refused (reported
 * in the metrics), until the operator unpins the address.
 */
class TrustOnFirstUseTest {
    private static final String[] NO_AUTOMATIC_OUTBOUND = {"--target-outbound", "0", "--block-relay-outbound", "0"};

    private static NodeProcess node(Path dataDir, String listen) throws Exception {
        return new NodeProcess("--listen", listen, "--data-dir", dataDir.toString(), "--whitelist-loopback",
                NO_AUTOMATIC_OUTBOUND[0], NO_AUTOMATIC_OUTBOUND[1], NO_AUTOMATIC_OUTBOUND[2], NO_AUTOMATIC_OUTBOUND[3])
                .awaitStarted();
    }

    @Test
    void aChangedKeyIsRefusedUntilTheOperatorUnpinsTheAddress(@TempDir Path dir) throws Exception {
        try (NodeProcess dialler = node(dir.resolve("a"), "tls://127.0.0.1:0")) {
            String address;
            String firstIdentity;
            try (NodeProcess peer = node(dir.resolve("b"), "tls://127.0.0.1:0")) {
                address = peer.listen;
                firstIdentity = peer.identity;
                dialler.admin().post("connect", Map.of("address", address));
                JsonNode pins = dialler.admin().get("pins");
                assertThat(pins).hasSize(1);
                assertThat(pins.get(0).get("address").asText()).isEqualTo(address);
                assertThat(pins.get(0).get("identity").asText()).isEqualTo(firstIdentity);
                peer.terminate(); // saves its state and exits, as an operator stops it
            }
            deleteRecursively(dir.resolve("b").resolve("keys"));
            try (NodeProcess impostor = node(dir.resolve("b"), address)) {
                assertThat(impostor.identity).isNotEqualTo(firstIdentity);
                assertThatThrownBy(() -> dialler.admin().post("connect", Map.of("address", address)))
                        .isInstanceOf(IOException.class).hasMessageContaining("identity");
                // Counters are refreshed once a second.
                await().atMost(10, TimeUnit.SECONDS).until(() -> dialler.metric("mintp2p_identity_mismatches_total") >= 1);
                assertThat(impostor.admin().get("peers")).as("refused before any Hello").isEmpty();

                assertThat(dialler.admin().post("unpin", Map.of("address", address)).get("unpinned").asText())
                        .isEqualTo(address);
                dialler.admin().post("connect", Map.of("address", address));
                assertThat(dialler.admin().get("pins").get(0).get("identity").asText()).isEqualTo(impostor.identity);
            }
        }
    }


    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
