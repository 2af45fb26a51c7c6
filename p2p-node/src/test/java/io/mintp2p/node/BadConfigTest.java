package io.mintp2p.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each invalid option: exit code 2, one line naming it, nothing written to the data dir. */
@Timeout(60) // a check that stopped refusing would start a node and wait for SIGTERM
class BadConfigTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--network|moonnet|--network",
        "--listen|not-an-address|--listen",
        "--listen|udp://127.0.0.1:1|--listen",
        "--boot|tcp://127.0.0.1|--boot",
        "--target-outbound|-1|--target-outbound",
        "--target-outbound|lots|--target-outbound",
        "--max-inbound|100001|--max-inbound",
        "--ping-period|soon|--ping-period",
        "--ping-timeout|0s|--ping-timeout",
        "--handshake-timeout|-5s|--handshake-timeout",
        "--user-agent|has space|--user-agent",
        "--name|has space|--name",
        "--name|a-name-much-longer-than-32-characters|--name",
        "--admin|nowhere|--admin",
        "--admin|127.0.0.1:70000|--admin",
        "--admin|0.0.0.0:0|--admin",
        "--admin|192.0.2.1:8080|--admin",
        "--admin|[::]:0|--admin",
        "--admin-token-file|no-such-token-file|--admin-token-file",
        "--log-level|loud|--log-level",
        "--discourage-by|port|--discourage-by",
        "--socks5-proxy|nowhere|--socks5-proxy",
        "--socks5-username|alice|--socks5-username",
        "--tor-socks|127.0.0.1:70000|--tor-socks",
        "--tor-control|no-port|--tor-control",
        "--tor-connect-timeout|0s|--tor-connect-timeout",
    })
    void invalidOptionIsRefusedBeforeAnythingIsWritten(String option, String value, String named) throws Exception {
        Path data = dir.resolve("data");
        int code = run(new ArrayList<>(List.of("run", "--data-dir", data.toString(), option, value)), named);
        assertThat(code).isEqualTo(2);
        assertThat(Files.exists(data)).as("data dir untouched").isFalse();
    }

    @ParameterizedTest(name = "--onion-only {0}")
    @ValueSource(strings = {"--listen=tcp://127.0.0.1:0", "--boot=tor://1.2.3.4:13031", "--dns-seed=seed.example"})
    void onionOnlyRefusesClearnetAddresses(String clearnet) throws Exception {
        Path data = dir.resolve("data");
        List<String> args = new ArrayList<>(List.of("run", "--data-dir", data.toString(), "--onion-only", clearnet));
        if (!clearnet.startsWith("--listen")) {
            args.add("--listen=tor://127.0.0.1:13031");
        }
        assertThat(run(args, "--onion-only")).isEqualTo(2);
        assertThat(Files.exists(data)).as("data dir untouched").isFalse();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "mainnet|--listen",
        "testnet|--listen",
        "signet|--listen",
        "mainnet|--boot",
        "signet|--reserved",
    })
    void plaintextIsRefusedOnThePublicNetworksUnlessAllowed(String network, String option) throws Exception {
        Path data = dir.resolve("data");
        assertThat(run(new ArrayList<>(List.of("run", "--data-dir", data.toString(), "--network", network,
                option, "tcp://127.0.0.1:0")), option)).isEqualTo(2);
        assertThat(Files.exists(data)).as("data dir untouched").isFalse();
        assertThat(parse(java.util.Map.of(), "--network", network, option, "tcp://127.0.0.1:0", "--allow-plaintext")
                .plan().config().network().name()).isEqualToIgnoringCase(network);
    }

    @Test
    void regtestAllowsPlaintextAndEveryNetworkListensOnNoiseByDefault() {
        assertThat(parse(java.util.Map.of(), "--listen", "tcp://127.0.0.1:0").plan().config().listenAddresses())
                .extracting(a -> a.scheme()).containsExactly("tcp");
        assertThat(parse(java.util.Map.of(), "--network", "mainnet").plan().config().listenAddresses())
                .extracting(Object::toString).containsExactly("noise://127.0.0.1:3031");
        assertThat(parse(java.util.Map.of()).plan().config().listenAddresses())
                .extracting(Object::toString).containsExactly("noise://127.0.0.1:23031");
    }

    /** Runs the command line; asserts one error line naming {@code named}; returns the exit code. */
    private static int run(List<String> args, String named) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.execute(args.toArray(String[]::new));
        } finally {
            System.setErr(original);
        }
        String message = err.toString(StandardCharsets.UTF_8).strip();
        assertThat(message.lines()).hasSize(1);
        assertThat(message).startsWith("error: ").contains(named);
        return code;
    }

    @ParameterizedTest(name = "token file ''{0}''")
    @ValueSource(strings = {"", "\n", "fifteen-chars-x", "sixteen chars, a space", "tab\tinside-the-token",
        "caf\u00e9-au-lait-token-x"})
    void aBadTokenFileIsRefusedBeforeAnythingIsWritten(String content) throws Exception {
        Path data = dir.resolve("data");
        Path token = Files.writeString(dir.resolve("token"), content);
        int code = run(List.of("run", "--data-dir", data.toString(), "--admin", "0.0.0.0:0",
                "--admin-token-file", token.toString()), "--admin-token-file");
        assertThat(code).isEqualTo(2);
        assertThat(Files.exists(data)).as("data dir untouched").isFalse();
    }

    @ParameterizedTest
    @CsvSource({"MINTP2P_TARGET_OUTBOUND,3,3", "MINTP2P_PING_PERIOD,2s,PT2S"})
    void environmentFillsOptionsThatAreNotGivenAsFlags(String env, String value, String expected) throws Exception {
        Path config = dir.resolve("node.properties");
        Files.writeString(config, "target-outbound = 5\nping-period = 9s\n");
        RunCommand fromFile = parse(java.util.Map.of(), "--config", config.toString());
        assertThat(fromFile.plan().config().targetOutbound()).isEqualTo(5);
        RunCommand fromEnv = parse(java.util.Map.of(env, value), "--config", config.toString());
        String actual = env.endsWith("OUTBOUND") ? String.valueOf(fromEnv.plan().config().targetOutbound())
                : fromEnv.plan().config().pingPeriod().toString();
        assertThat(actual).isEqualTo(expected);
        RunCommand flagWins = parse(java.util.Map.of(env, value), "--config", config.toString(),
                "--target-outbound", "7", "--ping-period", "7s");
        assertThat(flagWins.plan().config().targetOutbound()).isEqualTo(7);
        assertThat(flagWins.plan().config().pingPeriod()).hasSeconds(7);
    }

    @Test
    void theTokenFileComesFromTheEnvironmentOrTheConfigFileLikeEveryOption() throws Exception {
        Path fromEnv = Files.writeString(dir.resolve("env-token"), "token-from-the-environment");
        Path fromFile = Files.writeString(dir.resolve("file-token"), "token-from-the-config-file");
        Path config = Files.writeString(dir.resolve("node.properties"),
                "admin = 0.0.0.0:0\nadmin-token-file = " + fromFile.toString().replace("\\", "/") + "\n");
        assertThat(parse(java.util.Map.of(), "--config", config.toString()).plan().adminToken())
                .hasValueSatisfying(t -> assertThat(t.value()).isEqualTo("token-from-the-config-file"));
        assertThat(parse(java.util.Map.of("MINTP2P_ADMIN_TOKEN_FILE", fromEnv.toString()), "--config", config.toString())
                .plan().adminToken()).hasValueSatisfying(t -> assertThat(t.value()).isEqualTo("token-from-the-environment"));
        assertThat(parse(java.util.Map.of(), "--admin", "127.0.0.1:0").plan().adminToken()).as("random at start").isEmpty();
    }

    private static RunCommand parse(java.util.Map<String, String> env, String... args) {
        RunCommand run = new RunCommand();
        picocli.CommandLine cli = new picocli.CommandLine(run);
        java.util.Properties file = new java.util.Properties();
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--config")) {
                file = EnvAndFileDefaults.load(Path.of(args[i + 1]));
            }
        }
        cli.setDefaultValueProvider(new EnvAndFileDefaults(env, file));
        cli.parseArgs(args);
        return run;
    }
}
