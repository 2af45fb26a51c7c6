package io.mintp2p.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV and JSON of a run, byte for byte on a small known run. */
class ResultFilesTest {
    private static final Sample FIRST = new Sample(1, 0, 0.5, 10, 3, 2, 0.8, 4, 5, Double.NaN, Double.NaN, Double.NaN, 12.25);
    private static final Sample SECOND = new Sample(2.5, 1.5, 1, 10, 10, 1, 1, 0, 1, 0.75, 0.125, 0.5, 13);

    private static RunResult run() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("scenario", "converge");
        parameters.put("nodes", 10);
        parameters.put("small_books", false);
        parameters.put("note", "a \"quoted\" \\ word");
        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("time_to_target_virtual_s", 2.5);
        summary.put("diameter", 3.0);
        summary.put("missing", Double.NaN);
        return new RunResult("sim.converge.10", parameters, summary, new TreeMap<>(Map.of(2, 4, 3, 6)), List.of(FIRST, SECOND));
    }

    @Test
    void csvHasTheHeaderAndOneRowPerSampleWithEmptyCellsForWhatWasNotMeasured() {
        assertThat(ResultFiles.csv(run().series())).isEqualTo(Sample.CSV_HEADER + "\n"
                + "1,0,0.5,10,3,2,0.8,4,5,,,,12.25\n"
                + "2.5,1.5,1,10,10,1,1,0,1,0.75,0.125,0.5,13\n");
        assertThat(Sample.CSV_HEADER.split(",")).hasSize(FIRST.csvCells().length);
    }

    @Test
    void jsonIsOneObjectWithParametersSummaryHistogramAndSeries() {
        assertThat(ResultFiles.json(run())).isEqualTo("""
                {
                  "name": "sim.converge.10",
                  "parameters": {"scenario": "converge", "nodes": 10, "small_books": false, "note": "a \\"quoted\\" \\\\ word"},
                  "summary": {"time_to_target_virtual_s": 2.5, "diameter": 3, "missing": null},
                  "degree_histogram": {"2": 4, "3": 6},
                  "series": [
                    {"virtual_s": 1, "interval_s": 0, "wall_s": 0.5, "live": 10, "nodes_at_target": 3, "components": 2, \
                "largest_share": 0.8, "dead_dials": 4, "failed_dials": 5, "book_live_share": null, \
                "victim_attacker_outbound_share": null, "victim_attacker_book_share": null, "heap_mib": 12.25},
                    {"virtual_s": 2.5, "interval_s": 1.5, "wall_s": 1, "live": 10, "nodes_at_target": 10, "components": 1, \
                "largest_share": 1, "dead_dials": 0, "failed_dials": 1, "book_live_share": 0.75, \
                "victim_attacker_outbound_share": 0.125, "victim_attacker_book_share": 0.5, "heap_mib": 13}
                  ]
                }
                """);
    }

    @Test
    void numbersKeepSixSignificantDigits() {
        Sample s = new Sample(1234.56789, 0, 1.0 / 3, 1, 1, 1, 1, 0, 0, Double.NaN, Double.NaN, Double.NaN, 100000.4);
        assertThat(ResultFiles.csv(List.of(s))).endsWith("\n1234.57,0,0.333333,1,1,1,1,0,0,,,,100000\n");
    }

    @Test
    void writeCreatesTheDirectory(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a/b/run.json");
        ResultFiles.write(file, ResultFiles.json(run()));
        assertThat(Files.readString(file)).isEqualTo(ResultFiles.json(run()));
    }
}
