package io.mintp2p.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
    @Test
    void ratiosAreOrientedSoThatMoreIsBetter() {
        assertThat(Row.rate("t", 50, "msg/s", 100).ratio().getAsDouble()).isEqualTo(0.5);
        assertThat(Row.cost("l", 200, "us", 100).ratio().getAsDouble()).isEqualTo(0.5);
        assertThat(Row.plain("s", 3, "s").ratio()).isEmpty();
    }

    @Test
    void jsonHasTheFiveFieldsAndNullWithoutBaseline() {
        Report r = new Report(Map.of());
        r.add(Row.rate("throughput.tcp.1KiB", 120000, "msg/s", 2400000));
        r.add(Row.plain("sim.converge.1000.wall", 51.25, "s"));
        r.add(Row.cost("rtt \"q\"", 0.5, "us", 0.25));
        assertThat(r.toJson()).isEqualTo("""
                [
                  {"name": "throughput.tcp.1KiB", "value": 120000, "unit": "msg/s", "baseline": 2400000, "ratio": 0.05},
                  {"name": "sim.converge.1000.wall", "value": 51.25, "unit": "s", "baseline": null, "ratio": null},
                  {"name": "rtt \\"q\\"", "value": 0.5, "unit": "us", "baseline": 0.25, "ratio": 0.5}
                ]
                """);
    }

    @Test
    void numbersStayValidJson() {
        Report r = new Report(Map.of());
        r.add(Row.rate("big", 1.5e20, "x", 3e-7));
        r.add(Row.cost("zero", 0, "B", 10));
        r.add(Row.rate("precise", 2743483.123456, "msg/s", 1));
        assertThat(r.toJson()).contains("\"value\": 1.5E+20", "\"baseline\": 3E-7", "\"ratio\": null",
                "\"value\": 2743483.123");
    }

    @Test
    void tableMarksTargets() {
        Report r = new Report(Map.of("a", 0.5, "b", 0.5));
        r.add(Row.rate("a", 60, "msg/s", 100));
        r.add(Row.rate("b", 40, "msg/s", 100));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.printTable(new PrintStream(out, true, StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).contains(">= 0.50 met").contains(">= 0.50 MISSED");
        assertThat(r.toMarkdown()).contains("| a |").contains("**missed**");
    }

    @Test
    void medianAndPercentile() {
        assertThat(Stats.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Stats.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
        double[] hundred = new double[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = 100 - i;
        }
        assertThat(Stats.percentile(hundred, 99)).isEqualTo(99);
        assertThat(Stats.percentile(hundred, 100)).isEqualTo(100);
        assertThatThrownBy(() -> Stats.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
