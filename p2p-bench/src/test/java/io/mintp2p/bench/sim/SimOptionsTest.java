package io.mintp2p.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The sim command line: defaults, every option, and the row name that shows a cut model. */
class SimOptionsTest {
    @Test
    void defaultsAreTheIssuesModel() {
        SimOptions o = SimOptions.parse("--nodes", "2000", "--scenario", "churn", "--seed", "7");
        assertThat(o.nodes()).isEqualTo(2000);
        assertThat(o.scenario()).isEqualTo(ScenarioKind.CHURN);
        assertThat(o.seed()).isEqualTo(7);
        assertThat(o.bootNodes()).isEqualTo(10);
        assertThat(o.groups()).isEqualTo(250);
        assertThat(o.smallBooks()).isFalse();
        assertThat(o.json()).isEmpty();
        assertThat(o.rowName()).isEqualTo("sim.churn.2000");
    }

    @Test
    void everyOption() {
        SimOptions o = SimOptions.parse("--scenario", "eclipse", "--nodes", "300", "--seed", "-3", "--boot", "3",
                "--groups", "400", "--json", "o.json", "--csv", "o.csv", "--plots", "img", "--small-books",
                "--join-gap-ms", "2");
        assertThat(o.bootNodes()).isEqualTo(3);
        assertThat(o.joinGap()).isEqualTo(java.time.Duration.ofMillis(2));
        assertThat(o.groups()).isEqualTo(400);
        assertThat(o.json()).contains(Path.of("o.json"));
        assertThat(o.csv()).contains(Path.of("o.csv"));
        assertThat(o.plots()).contains(Path.of("img"));
        assertThat(o.rowName()).isEqualTo("sim.eclipse.300.small-books.join-gap-2ms");
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertThatThrownBy(() -> SimOptions.parse("--nodes", "10", "--scenario", "flood", "--seed", "1"))
                .hasMessageContaining("converge|churn|eclipse|partition");
        assertThatThrownBy(() -> SimOptions.parse("--nodes", "10", "--scenario", "churn")).hasMessageContaining("--seed");
        assertThatThrownBy(() -> SimOptions.parse("--nodes")).hasMessageContaining("--nodes needs a value");
        assertThatThrownBy(() -> SimOptions.parse("--nodes", "10", "--scenario", "churn", "--seed", "1", "--boot", "11"))
                .hasMessageContaining("--boot");
        assertThatThrownBy(() -> SimOptions.parse("--fast")).hasMessageContaining("unknown argument --fast");
        assertThatThrownBy(() -> SimOptions.parse("--nodes", "10", "--scenario", "churn", "--seed", "1", "--join-gap-ms", "0"))
                .hasMessageContaining("--join-gap-ms");
    }
}
