package io.mintp2p.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each invalid option: exit code 2, one line naming it, nothing written to the data dir. */
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
        "--admin|nowhere|--admin",
        "--admin|127.0.0.1:70000|--admin",
        "--log-level|loud|--log-level",
    })
    void invalidOptionIsRefusedBeforeAnythingIsWritten(String option, String value, String named) throws Exception {
        Path data = dir.resolve("data");
        List<String> args = new ArrayList<>(List.of("run", "--data-dir", data.toString(), option, value));
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
        assertThat(code).isEqualTo(2);
        assertThat(message.lines()).hasSize(1);
        assertThat(message).startsWith("error: ").contains(named);
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
