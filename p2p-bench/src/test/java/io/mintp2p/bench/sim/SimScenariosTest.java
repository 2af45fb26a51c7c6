package io.mintp2p.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each scenario end to end at 200 nodes on the library's defaults, on virtual time: the scenario's
 * own invariants, loosely (no wall-clock figure is asserted). Netty's leak detector samples (SIMPLE)
 * while these run: PARANOID's stack trace on every buffer access would take most of their time.
 */
class SimScenariosTest {
    private static final int NODES = 200;
    private static ResourceLeakDetector.Level leakLevel;

    @BeforeAll
    static void sampledLeakDetection() {
        leakLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    }

    @AfterAll
    static void restoreLeakDetection() {
        ResourceLeakDetector.setLevel(leakLevel);
    }

    private static RunResult run(ScenarioKind kind, int nodes, long seed) {
        SimOptions options = SimOptions.parse("--nodes", String.valueOf(nodes), "--scenario", kind.cliName(),
                "--seed", String.valueOf(seed));
        RunResult result = SimCommand.run(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        SimCommand.printSummary(result, new PrintStream(table, true, StandardCharsets.UTF_8));
        System.out.print(table.toString(StandardCharsets.UTF_8));
        assertThat(result.series()).isNotEmpty();
        assertThat(result.series()).extracting(Sample::virtualSeconds).isSorted();
        return result;
    }

    @Test
    void convergeBringsEveryNodeToItsTargetInOneComponent() {
        RunResult r = run(ScenarioKind.CONVERGE, NODES, 7);
        assertThat(r.name()).isEqualTo("sim.converge.200");
        assertThat(r.figure("converged")).isEqualTo(1);
        assertThat(r.figure("at_target_share_then")).isGreaterThanOrEqualTo(SimRun.CONVERGED_SHARE);
        assertThat(r.figure("final_at_target_share")).isEqualTo(1);
        assertThat(r.figure("components")).isEqualTo(1);
        assertThat(r.figure("unreachable_pairs")).isZero();
        assertThat(r.figure("avg_shortest_path")).isBetween(1.0, 6.0);
        assertThat(r.figure("diameter")).isBetween(2.0, 10.0);
        assertThat(r.figure("time_to_target_virtual_s")).isGreaterThanOrEqualTo(NODES * SimOptions.DEFAULT_JOIN_GAP.toMillis() / 1e3);
        assertThat(r.degreeHistogram().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(NODES);
        assertThat(r.degreeHistogram().firstKey()).as("fewest peers of a node").isGreaterThanOrEqualTo(8);
        Sample last = r.series().get(r.series().size() - 1);
        assertThat(last.atTarget()).isEqualTo(NODES);
        assertThat(last.live()).isEqualTo(NODES);
        assertThat(r.figure("peak_heap_mib")).isPositive();
    }

    @Test
    void sameSeedSameRunAnotherSeedAnotherRun() {
        RunResult a = run(ScenarioKind.CONVERGE, 60, 11);
        RunResult b = run(ScenarioKind.CONVERGE, 60, 11);
        RunResult c = run(ScenarioKind.CONVERGE, 60, 12);
        assertThat(b.parameters().get("trace_digest")).isEqualTo(a.parameters().get("trace_digest"));
        assertThat(b.figure("time_to_target_virtual_s")).isEqualTo(a.figure("time_to_target_virtual_s"));
        assertThat(b.degreeHistogram()).isEqualTo(a.degreeHistogram());
        assertThat(c.parameters().get("trace_digest")).isNotEqualTo(a.parameters().get("trace_digest"));
    }

    @Test
    void churnKeepsTheNetworkConnectedAndDeadAddressesShowInDialsAndBooks() {
        RunResult r = run(ScenarioKind.CHURN, NODES, 7);
        assertThat(r.figure("churned")).isEqualTo(NODES * 30 / 100);
        assertThat(r.figure("final_live")).isEqualTo(NODES);
        assertThat(r.figure("virtual_s") - r.figure("time_to_target_virtual_s")).isGreaterThanOrEqualTo(86_400);
        assertThat(r.figure("min_largest_share_hourly")).isGreaterThan(0.9);
        assertThat(r.figure("dead_dials_day")).isPositive();
        assertThat(r.figure("book_live_share_before")).isEqualTo(1);
        assertThat(r.figure("book_live_share_after")).isBetween(0.0, 1.0).isLessThan(1);
        List<Sample> hourly = r.series().stream().filter(s -> s.intervalSeconds() == 3600).toList();
        assertThat(hourly).hasSize(24);
        assertThat(hourly).allSatisfy(s -> assertThat(s.bookLiveShare()).isBetween(0.0, 1.0));
    }

    @Test
    void eclipseReportsTheAttackersSharesOfTheVictims() {
        RunResult r = run(ScenarioKind.ECLIPSE, NODES, 7);
        assertThat(r.figure("attackers")).isEqualTo(NODES / 20);
        assertThat(r.figure("victims")).isEqualTo(20);
        assertThat(r.figure("final_live")).as("honest nodes").isEqualTo(NODES - NODES / 20);
        assertThat(r.figure("attacker_announcements")).isPositive();
        assertThat(r.figure("victim_attacker_book_share_max")).as("the flood reaches the books").isPositive().isLessThanOrEqualTo(1);
        assertThat(r.figure("victim_attacker_outbound_share_max")).isBetween(0.0, 1.0);
        assertThat(r.figure("victims_eclipsed_end")).as("victims with only attackers as outbound peers").isLessThan(20);
        assertThat(r.series().stream().filter(s -> !Double.isNaN(s.victimAttackerBook())).count())
                .as("samples with the victims' shares").isGreaterThanOrEqualTo(35);
    }

    @Test
    void partitionSplitsInTwoAndHealsIntoOne() {
        RunResult r = run(ScenarioKind.PARTITION, NODES, 7);
        assertThat(r.figure("components_during_min")).isGreaterThanOrEqualTo(2);
        assertThat(r.figure("components_end_of_split")).isGreaterThanOrEqualTo(2);
        assertThat(r.figure("time_to_one_component_after_heal_s")).isNotNaN().isLessThanOrEqualTo(3600);
        // Bridged again, but not necessarily merged for good: no traffic makes a link across worth keeping.
        assertThat(r.figure("one_component_share_after")).isBetween(0.0, 1.0);
        assertThat(r.figure("final_components")).isBetween(1.0, 2.0);
        assertThat(r.figure("final_at_target_share")).isGreaterThan(0.9);
    }
}
