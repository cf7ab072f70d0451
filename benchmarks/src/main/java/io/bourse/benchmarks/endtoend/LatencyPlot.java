package io.bourse.benchmarks.endtoend;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the latency-versus-throughput plot of the end-to-end sweep from the load generator's CSV:
 * achieved orders per second across, latency down a log axis; place → verdict (or, in older runs, ACCEPTED) above (p99 solid,
 * p50 dashed) and taker place → first fill below, one colour per node configuration, with the
 * targets marked.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.bourse.benchmarks.endtoend.LatencyPlot results.csv plot.png}.
 */
public final class LatencyPlot {

    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b)};
    private static final BasicStroke SOLID = new BasicStroke(2f);
    private static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    private LatencyPlot() {
    }

    public static void main(final String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: LatencyPlot results.csv plot.png");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        final List<Row> rows = read(Path.of(args[0]));
        ChartUtils.saveChartAsPNG(Path.of(args[1]).toFile(), chart(rows), 1200, 900);
        System.out.printf("plotted %d rows of %d configurations into %s%n", rows.size(), bySeries(rows).size(), args[1]);
    }

    /** One CSV row of the load generator: a configuration at one offered rate. */
    record Row(String label, double achievedPerSecond, double verdictP50, double verdictP99, double fillP50, double fillP99) {
    }

    static List<Row> read(final Path csv) throws IOException {
        final List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException(csv + " is empty");
        }
        final List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        final List<Row> rows = new ArrayList<>();
        for (final String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            final String[] cells = line.split(",", -1);
            // Runs before the engine's verdict was the answer measured place -> ACCEPTED in accepted_* columns.
            final String answer = header.contains("verdict_p50_ms") ? "verdict" : "accepted";
            rows.add(new Row(cells[column(header, "label")], number(cells, header, "achieved_per_s"),
                    number(cells, header, answer + "_p50_ms"), number(cells, header, answer + "_p99_ms"),
                    number(cells, header, "fill_p50_ms"), number(cells, header, "fill_p99_ms")));
        }
        return rows;
    }

    static Map<String, List<Row>> bySeries(final List<Row> rows) {
        final Map<String, List<Row>> series = new LinkedHashMap<>();
        rows.forEach(r -> series.computeIfAbsent(r.label(), l -> new ArrayList<>()).add(r));
        return series;
    }

    static JFreeChart chart(final List<Row> rows) {
        final NumberAxis throughput = new NumberAxis("achieved throughput (orders and cancels per second)");
        final CombinedDomainXYPlot plot = new CombinedDomainXYPlot(throughput);
        plot.setGap(12);
        plot.add(panel(rows, "place \u2192 verdict (ms)", Row::verdictP50, Row::verdictP99, 120, "target: p99 \u2264 120 ms at 1,000/s",
                true), 1);
        plot.add(panel(rows, "taker place \u2192 first fill (ms)", Row::fillP50, Row::fillP99, 0, null, false), 1);
        // Always show the throughput target, even when no configuration came near it.
        throughput.setRange(0, Math.max(5_500, rows.stream().mapToDouble(Row::achievedPerSecond).max().orElse(0) * 1.05));
        final ValueMarker target = new ValueMarker(5_000, Color.GRAY, DASHED);
        target.setLabel("target: 5,000/s sustained");
        target.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        target.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        plot.getSubplots().forEach(p -> ((XYPlot) p).addDomainMarker(target));
        final JFreeChart chart = new JFreeChart("Bourse end to end, one node on 2 cores: p99 solid, p50 dashed",
                new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static XYPlot panel(final List<Row> rows, final String title, final ToDoubleFunction<Row> p50,
            final ToDoubleFunction<Row> p99, final double targetMs, final String targetLabel, final boolean inLegend) {
        final XYSeriesCollection data = new XYSeriesCollection();
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int colour = 0;
        for (final Map.Entry<String, List<Row>> series : bySeries(rows).entrySet()) {
            final XYSeries high = new XYSeries(series.getKey(), false);
            final XYSeries median = new XYSeries(series.getKey() + " p50", false);
            for (final Row row : series.getValue()) {
                if (p99.applyAsDouble(row) > 0) {
                    high.add(row.achievedPerSecond(), p99.applyAsDouble(row));
                }
                if (p50.applyAsDouble(row) > 0) {
                    median.add(row.achievedPerSecond(), p50.applyAsDouble(row));
                }
            }
            final Color paint = COLOURS[colour++ % COLOURS.length];
            for (final XYSeries s : List.of(high, median)) {
                final int index = data.getSeriesCount();
                data.addSeries(s);
                renderer.setSeriesPaint(index, paint);
                renderer.setSeriesStroke(index, s == high ? SOLID : DASHED);
                // The legend names each configuration once (from the first panel); its p50 line shares the colour.
                renderer.setSeriesVisibleInLegend(index, inLegend && s == high);
            }
        }
        final LogAxis latency = new LogAxis(title);
        latency.setSmallestValue(1);
        latency.setNumberFormatOverride(new DecimalFormat("#,##0"));
        final XYPlot plot = new XYPlot(data, null, latency, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        if (targetLabel != null) {
            final ValueMarker target = new ValueMarker(targetMs, Color.GRAY, DASHED);
            target.setLabel(targetLabel);
            target.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
            target.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            plot.addRangeMarker(target);
        }
        return plot;
    }

    private static int column(final List<String> header, final String name) {
        final int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("The CSV has no column " + name + "; it has " + header);
        }
        return index;
    }

    private static double number(final String[] cells, final List<String> header, final String name) {
        final String cell = cells[column(header, name)];
        return cell.isBlank() ? 0 : Double.parseDouble(cell);
    }
}
