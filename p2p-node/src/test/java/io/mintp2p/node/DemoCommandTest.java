package io.mintp2p.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README's first command, run in-process. */
class DemoCommandTest {
    private DemoCommand.Outcome runDemo(String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DemoCommand demo = new DemoCommand(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        new CommandLine(demo).parseArgs(args);
        DemoCommand.Outcome outcome = demo.run();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("Every node reached its outbound target.").contains("Every node got every message.");
        return outcome;
    }

    @Test
    void everyNodeReachesItsTargetAndGetsEveryGossipMessageOverTcp() throws Exception {
        DemoCommand.Outcome o = runDemo();
        assertThat(o.success()).isTrue();
        assertThat(o.nodes()).isEqualTo(5);
        assertThat(o.messages()).isEqualTo(3);
    }

    @Test
    void sameOverTls() throws Exception {
        assertThat(runDemo("--transport", "tls", "--nodes", "4").success()).isTrue();
    }
}
