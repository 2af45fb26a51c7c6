package io.mintp2p.bench.sim;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A line chart drawn with Java2D and written as PNG: title, axes from zero with labelled ticks at round
 * steps, one line per series (a NaN point breaks the line), a legend. No dependency beyond the JDK;
 * runs headless. Not thread-safe: build and write it on one thread; {@link #write} blocks on the file.
 */
public final class LinePlot {
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd)};
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 70;
    private static final int BOTTOM = 70;
    private static final int TICKS = 6;

    private record Series(String name, double[] x, double[] y) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();

    /** An empty chart with these texts. */
    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a line through the points {@code (x[i], y[i])}; {@code x} and {@code y} must be as long. */
    public LinePlot line(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " x values, " + y.length + " y values");
        }
        if (series.size() == COLORS.length) {
            throw new IllegalArgumentException("at most " + COLORS.length + " lines");
        }
        series.add(new Series(name, x.clone(), y.clone()));
        return this;
    }

    /** The chart as an image of {@code width} x {@code height} pixels. */
    public BufferedImage render(int width, int height) {
        if (width < LEFT + RIGHT + 50 || height < TOP + BOTTOM + 50) {
            throw new IllegalArgumentException("too small: " + width + "x" + height);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int plotW = width - LEFT - RIGHT;
            int plotH = height - TOP - BOTTOM;
            double xMax = niceMax(max(true));
            double yMax = niceMax(max(false));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.setColor(Color.BLACK);
            centered(g, title, LEFT + plotW / 2, 26);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            axes(g, plotW, plotH, xMax, yMax);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            centered(g, xLabel, LEFT + plotW / 2, height - 15);
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            centered(g, yLabel, -(TOP + plotH / 2), 20);
            g.setTransform(saved);
            g.setClip(LEFT, TOP, plotW + 1, plotH + 1);
            g.setStroke(new BasicStroke(2f));
            for (int i = 0; i < series.size(); i++) {
                g.setColor(COLORS[i]);
                g.draw(path(series.get(i), plotW, plotH, xMax, yMax));
            }
            g.setClip(null);
            legend(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Renders and writes the chart as PNG, creating the directory; blocks on the file system. */
    public void write(Path file, int width, int height) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(render(width, height), "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    private double max(boolean x) {
        double m = 0;
        for (Series s : series) {
            for (double v : x ? s.x : s.y) {
                if (!Double.isNaN(v)) {
                    m = Math.max(m, v);
                }
            }
        }
        return m;
    }

    /** The tick step: 1, 2 or 5 times a power of ten, about {@link #TICKS} ticks up to {@code max}. */
    static double step(double max) {
        if (max <= 0) {
            return 1;
        }
        double raw = max / TICKS;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double unit = raw / power;
        return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
    }

    /** The axis end: {@code max} rounded up to a whole tick step. */
    static double niceMax(double max) {
        double step = step(max);
        return Math.max(step, Math.ceil(max / step) * step);
    }

    private void axes(Graphics2D g, int plotW, int plotH, double xMax, double yMax) {
        FontMetrics fm = g.getFontMetrics();
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotH);
        double xStep = step(xMax);
        for (double v = 0; v <= xMax + xStep / 2; v += xStep) {
            int px = LEFT + (int) Math.round(v / xMax * plotW);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(px, TOP, px, TOP + plotH);
            g.setColor(Color.BLACK);
            g.drawLine(px, TOP + plotH, px, TOP + plotH + 5);
            centered(g, label(v), px, TOP + plotH + 8 + fm.getAscent());
        }
        double yStep = step(yMax);
        for (double v = 0; v <= yMax + yStep / 2; v += yStep) {
            int py = TOP + plotH - (int) Math.round(v / yMax * plotH);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(LEFT, py, LEFT + plotW, py);
            g.setColor(Color.BLACK);
            g.drawLine(LEFT - 5, py, LEFT, py);
            String text = label(v);
            g.drawString(text, LEFT - 8 - fm.stringWidth(text), py + fm.getAscent() / 2 - 1);
        }
        g.drawLine(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotH);
    }

    private Path2D path(Series s, int plotW, int plotH, double xMax, double yMax) {
        Path2D.Double p = new Path2D.Double();
        boolean pen = false;
        for (int i = 0; i < s.x.length; i++) {
            if (Double.isNaN(s.x[i]) || Double.isNaN(s.y[i])) {
                pen = false;
                continue;
            }
            double px = LEFT + s.x[i] / xMax * plotW;
            double py = TOP + plotH - s.y[i] / yMax * plotH;
            if (pen) {
                p.lineTo(px, py);
            } else {
                p.moveTo(px, py);
                pen = true;
            }
        }
        return p;
    }

    /** One row above the plot, left to right, so it never hides a line. */
    private void legend(Graphics2D g) {
        FontMetrics fm = g.getFontMetrics();
        int x = LEFT;
        int y = TOP - 14;
        for (int i = 0; i < series.size(); i++) {
            String name = series.get(i).name();
            g.setColor(COLORS[i]);
            g.fillRect(x, y - fm.getAscent() / 2 - 1, 18, 4);
            g.setColor(Color.BLACK);
            g.drawString(name, x + 24, y);
            x += 24 + fm.stringWidth(name) + 30;
        }
    }

    private static String label(double v) {
        if (v == Math.rint(v)) {
            return v >= 10_000 && v % 1000 == 0 ? String.format(Locale.ROOT, "%.0fk", v / 1000) : String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v).replaceFirst("0$", "");
    }

    private static void centered(Graphics2D g, String text, int x, int y) {
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, y);
    }
}
