package io.mintp2p.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token as {@code run} makes it and the admin commands find it: nodes started as processes. */
class AdminTokenAtStartTest {
    @TempDir
    Path dir;

    @Test
    void eachStartWritesANewOwnerOnlyTokenAndOnlyTheCurrentOneIsTaken() throws Exception {
        Path data = dir.resolve("node");
        AdminToken first;
        try (NodeProcess node = new NodeProcess("--listen", "tcp://127.0.0.1:0", "--data-dir", data.toString())
                .awaitStarted()) {
            assertThat(node.tokenFile).isEqualTo(data.resolve("admin.token"));
            assertThat(Files.getPosixFilePermissions(node.tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            first = AdminTokenFile.read(node.tokenFile);
            assertThat(node.admin().post("ban", Map.of("address", "192.0.2.20")).get("banned").asText())
                    .isEqualTo("192.0.2.20");
            assertThat(node.terminate()).isIn(0, 143);
        }
        try (NodeProcess again = new NodeProcess("--listen", "tcp://127.0.0.1:0", "--data-dir", data.toString())
                .awaitStarted()) {
            AdminToken second = AdminTokenFile.read(again.tokenFile);
            assertThat(second.value()).isNotEqualTo(first.value());
            assertThat(Files.getPosixFilePermissions(again.tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThatThrownBy(() -> new AdminClient(again.adminUrl, first).post("ban", Map.of("address", "192.0.2.21")))
                    .isInstanceOf(IOException.class).hasMessageContaining("401");
            assertThat(again.admin().post("ban", Map.of("address", "192.0.2.22")).get("banned").asText())
                    .isEqualTo("192.0.2.22");
            assertThat(again.terminate()).isIn(0, 143);
        }
    }

    @Test
    void theAdminCommandsSendTheTokenOfTheDataDirOrOfTheGivenFile() throws Exception {
        Path data = dir.resolve("node");
        try (NodeProcess node = new NodeProcess("--listen", "tcp://127.0.0.1:0", "--data-dir", data.toString())
                .awaitStarted()) {
            assertThat(cli("ban", "--admin", node.adminUrl, "--data-dir", data.toString(), "192.0.2.30")).isZero();
            assertThat(cli("ban", "--admin", node.adminUrl, "--admin-token-file", node.tokenFile.toString(), "192.0.2.31"))
                    .isZero();
            assertThat(cli("ban", "--admin", node.adminUrl, "--data-dir", dir.resolve("elsewhere").toString(), "192.0.2.32"))
                    .as("no token: the node answers 401").isEqualTo(1);
            assertThat(cli("peers", "--admin", node.adminUrl, "--data-dir", dir.resolve("elsewhere").toString()))
                    .as("reading peers on loopback needs no token").isZero();
            assertThat(node.admin().get("bans").toString()).contains("192.0.2.30", "192.0.2.31")
                    .doesNotContain("192.0.2.32");
            assertThat(node.terminate()).isIn(0, 143);
        }
    }

    @Test
    void aWildcardBindStartsWithATokenFileAndThenEvenReadsNeedTheToken() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("secret"), "correct-horse-battery-staple\n");
        Path data = Files.createDirectories(dir.resolve("node"));
        Files.writeString(data.resolve("admin.token"), "a-token-of-an-earlier-run");
        try (NodeProcess node = new NodeProcess("--listen", "tcp://127.0.0.1:0", "--data-dir", data.toString(),
                "--admin", "0.0.0.0:0", "--admin-token-file", tokenFile.toString()).awaitStarted()) {
            assertThat(node.tokenFile).isEqualTo(tokenFile);
            assertThat(data.resolve("admin.token")).as("no stale token for clients to pick up").doesNotExist();
            String url = "http://127.0.0.1:" + node.adminUrl.substring(node.adminUrl.lastIndexOf(':') + 1);
            AdminClient anonymous = new AdminClient(url);
            assertThat(anonymous.get("health").get("status").asText()).isEqualTo("UP");
            assertThat(anonymous.getText("metrics")).contains("mintp2p_peers");
            assertThatThrownBy(() -> anonymous.get("peers")).isInstanceOf(IOException.class).hasMessageContaining("401");
            AdminClient operator = new AdminClient(url, AdminToken.of("correct-horse-battery-staple"));
            assertThat(operator.get("peers").isArray()).isTrue();
            assertThat(operator.post("ban", Map.of("address", "192.0.2.40")).get("banned").asText()).isEqualTo("192.0.2.40");
            assertThat(node.terminate()).isIn(0, 143);
        }
    }

    private static int cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(sink, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(sink, true, StandardCharsets.UTF_8));
            return Main.execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
