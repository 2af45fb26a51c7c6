package io.mintp2p.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The charts are PNGs of the asked size with the lines on them, and the axes end at round numbers. */
class LinePlotTest {
    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void writesAPngOfTheAskedSize(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plots/chart.png");
        new LinePlot("title", "x", "y").line("up", new double[] {0, 1, 2}, new double[] {0, 5, 10}).write(file, 640, 400);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(400);
    }

    @Test
    void theLineIsDrawnInItsColourWhereItsPointsAre() {
        // x 0..10 and y 0..10 fill the plot area; the line from (0,0) to (10,10) crosses its middle.
        BufferedImage image = new LinePlot("t", "x", "y").line("diagonal", new double[] {0, 10}, new double[] {0, 10})
                .render(600, 440);
        int plotW = 600 - 90 - 30;
        int plotH = 440 - 70 - 70;
        int rgb = image.getRGB(90 + plotW / 2, 70 + plotH / 2) & 0xffffff;
        assertThat(rgb).isNotEqualTo(0xffffff);
        assertThat((rgb & 0xff) > ((rgb >> 16) & 0xff)).as("blue, the first line's colour: %06x", rgb).isTrue();
        // The top-left corner of the plot area, far from the line, stays background (white or grid grey).
        assertThat(image.getRGB(90 + 20, 70 + plotH - 200 - 20) & 0xff).isGreaterThan(0xd0);
    }

    @Test
    void axesEndAtRoundSteps() {
        assertThat(LinePlot.step(2000)).isEqualTo(500);
        assertThat(LinePlot.niceMax(1937)).isEqualTo(2000);
        assertThat(LinePlot.step(86400)).isEqualTo(20000);
        assertThat(LinePlot.niceMax(0)).isEqualTo(1);
        assertThat(LinePlot.niceMax(0.7)).isEqualTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void linesMustHaveAsManyXAsY() {
        assertThatThrownBy(() -> new LinePlot("t", "x", "y").line("bad", new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void simPlotsWritesBothChartsOfARun(@TempDir Path dir) throws Exception {
        Sample a = new Sample(0, 0, 0, 5, 0, 5, 0.2, 3, 3, Double.NaN, Double.NaN, Double.NaN, 1);
        Sample b = new Sample(60, 60, 1, 10, 10, 1, 1, 1, 1, Double.NaN, Double.NaN, Double.NaN, 1);
        RunResult run = new RunResult("sim.converge.10", Map.of(), Map.of(), new TreeMap<>(), List.of(a, b));
        List<Path> files = SimPlots.write(run, dir);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("sim.converge.10-convergence.png", "sim.converge.10-dead-dials.png");
        for (Path p : files) {
            BufferedImage image = ImageIO.read(p.toFile());
            assertThat(image.getWidth()).isEqualTo(SimPlots.WIDTH);
            assertThat(image.getHeight()).isEqualTo(SimPlots.HEIGHT);
        }
    }
}
