package io.mintp2p.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.config.DiscourageBy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --discourage-by} reaches the configuration; AUTO unless the operator asks for IP. */
class DiscourageByOptionTest {
    @TempDir
    Path dir;

    private DiscourageBy planned(String... extra) {
        RunCommand run = new RunCommand();
        CommandLine cl = new CommandLine(run);
        String[] args = new String[extra.length + 2];
        args[0] = "--data-dir";
        args[1] = dir.resolve("data").toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        cl.parseArgs(args);
        return run.plan().config().discourageBy();
    }

    @Test
    void autoByDefaultIpWhenAsked() {
        assertThat(planned()).isEqualTo(DiscourageBy.AUTO);
        assertThat(planned("--discourage-by", "ip")).isEqualTo(DiscourageBy.IP);
        assertThat(planned("--discourage-by", "AUTO")).isEqualTo(DiscourageBy.AUTO);
    }
}
