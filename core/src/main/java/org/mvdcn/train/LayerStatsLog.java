package org.mvdcn.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.mvdcn.BadInputException;
import org.mvdcn.MissingFileException;
import org.mvdcn.io.AtomicFiles;

/**
 * The run's {@code layer-stats.csv} and its picture: every measured step's {@link LayerStats}
 * rows, rewritten whole and atomically at each measurement (it is small), so a kill leaves the
 * last complete file; the picture is drawn at each epoch's end, off the steps' path. A resumed run
 * drops the rows its checkpoint did not keep (steps at or after the checkpoint's step count are
 * measured again, identically).
 */
public final class LayerStatsLog implements TrainingListener {

    private static final String[] HEADER = {"step", "epoch", "layer", "pre_std", "mean", "std", "zero_share", "dead_share",
        "between_exam_std", "grad_norm", "weight_norm"};

    private final RunFolder run;
    private final int every;
    private final List<LayerStats.Row> rows = new ArrayList<>();

    /** The log of {@code run}, measured each {@code every} steps, as its checkpoint left it after {@code steps} optimiser steps. */
    LayerStatsLog(RunFolder run, int every, long steps) {
        this.run = run;
        this.every = every;
        if (Files.exists(run.layerStats())) {
            read(run.layerStats()).stream().filter(r -> r.step() < steps).forEach(rows::add);
        }
    }

    /** A measurement for the step after {@code steps} steps in {@code epoch} when one is due, else null. */
    LayerStats due(long steps, int epoch) {
        return steps % every == 0 ? new LayerStats(steps, epoch) : null;
    }

    void add(List<LayerStats.Row> measured) throws IOException {
        rows.addAll(measured);
        StringWriter text = new StringWriter();
        try (CSVPrinter out = new CSVPrinter(text, CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
            for (LayerStats.Row r : rows) {
                out.printRecord(r.step(), r.epoch(), r.layer(), r.preStd(), r.mean(), r.std(), r.zeroShare(), r.deadShare(),
                        r.betweenExamStd(), r.gradNorm(), r.weightNorm());
            }
        }
        AtomicFiles.writeString(run.layerStats(), text.toString());
    }

    @Override
    public void onRecorded(EpochRecord record, TrainingState state) throws IOException {
        if (!rows.isEmpty()) {
            figure(run.layerStatsFigure(), rows, "Layers of " + run.dir().getFileName());
        }
    }

    static List<LayerStats.Row> read(Path file) {
        if (!Files.exists(file)) {
            throw new MissingFileException(file, "layer statistics (a run trained with --layer-stats-every N)");
        }
        List<LayerStats.Row> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                rows.add(new LayerStats.Row(Long.parseLong(r.get("step")), Integer.parseInt(r.get("epoch")), r.get("layer"),
                        number(r, "pre_std"), number(r, "mean"), number(r, "std"), number(r, "zero_share"), number(r, "dead_share"),
                        number(r, "between_exam_std"), number(r, "grad_norm"), number(r, "weight_norm")));
            }
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file, "unreadable layer statistics (" + e.getMessage() + ")", e);
        }
        return rows;
    }

    private static double number(CSVRecord r, String column) {
        return Double.parseDouble(r.get(column));
    }

    /** One line of the figure: one run's layers at one step; dashed for a run's first step (the initialisation). */
    record Line(String label, List<LayerStats.Row> rows, Color color, boolean dashed) {}

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    /**
     * The run's figure: one line per measured step (at most six, spread over the run, always the
     * first: the initialisation).
     */
    static void figure(Path file, List<LayerStats.Row> rows, String title) throws IOException {
        List<List<LayerStats.Row>> steps = bySteps(rows);
        List<Line> lines = new ArrayList<>();
        int count = Math.min(6, steps.size());
        for (int i = 0; i < count; i++) {
            List<LayerStats.Row> at = steps.get(count == 1 ? 0 : (int) Math.round((double) i * (steps.size() - 1) / (count - 1)));
            if (lines.stream().noneMatch(l -> l.rows() == at)) {
                lines.add(new Line("step " + at.get(0).step() + " (epoch " + at.get(0).epoch() + ")", at,
                        Color.getHSBColor(0.62f - 0.62f * i / Math.max(1, count - 1), 0.8f, 0.8f), false));
            }
        }
        draw(file, title, lines);
    }

    /** Several runs in one figure (docs/training.md): each run's first and last measured step. */
    public static void compare(Path file, List<Path> runs) throws IOException {
        List<Line> lines = new ArrayList<>();
        for (Path dir : runs) {
            RunFolder run = new RunFolder(dir);
            List<List<LayerStats.Row>> steps = bySteps(read(run.layerStats()));
            if (steps.isEmpty()) {
                throw new BadInputException(run.layerStats(), "holds no measurements");
            }
            String name = dir.getFileName().toString();
            Color color = PALETTE[runs.indexOf(dir) % PALETTE.length];
            lines.add(new Line(name + ", step 0", steps.get(0), color, true));
            if (steps.size() > 1) {
                List<LayerStats.Row> last = steps.get(steps.size() - 1);
                lines.add(new Line(name + ", step " + last.get(0).step(), last, color, false));
            }
        }
        draw(file, "Layers at the first and last measured step", lines);
    }

    private static List<List<LayerStats.Row>> bySteps(List<LayerStats.Row> rows) {
        Map<Long, List<LayerStats.Row>> bySteps = new TreeMap<>();
        rows.forEach(r -> bySteps.computeIfAbsent(r.step(), k -> new ArrayList<>()).add(r));
        return new ArrayList<>(bySteps.values());
    }

    /**
     * Three panels over the CC column's layers and the head (the MLO column looks alike): the
     * activations' std, how much exams differ in them, and the weights' gradient norm. Layers
     * are placed by name, so runs whose columns stop at different depths share one axis.
     */
    private static void draw(Path file, String title, List<Line> lines) throws IOException {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        lines.stream().max(java.util.Comparator.comparingInt(l -> l.rows().size())).ifPresent(
                deepest -> deepest.rows().forEach(r -> names.add(r.layer())));
        lines.forEach(l -> l.rows().forEach(r -> names.add(r.layer())));
        List<String> layers = names.stream().filter(l -> !l.startsWith("mlo.")).toList();
        SymbolAxis axis = new SymbolAxis("layer", layers.toArray(String[]::new));
        axis.setVerticalTickLabels(true);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(axis);
        plot.add(panel("activation std", layers, lines, LayerStats.Row::std, true));
        plot.add(panel("std between exams", layers, lines, LayerStats.Row::betweenExamStd, false));
        plot.add(panel("weight gradient norm", layers, lines, LayerStats.Row::gradNorm, false));
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, 900, 900));
    }

    private static XYPlot panel(String label, List<String> layers, List<Line> lines, ToDoubleFunction<LayerStats.Row> value,
            boolean inLegend) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Line line : lines) {
            XYSeries series = new XYSeries(line.label());
            for (LayerStats.Row r : line.rows()) {
                double v = value.applyAsDouble(r);
                int x = layers.indexOf(r.layer());
                if (x >= 0 && v > 0 && Double.isFinite(v)) {
                    series.add(x, v);
                }
            }
            data.addSeries(series);
        }
        LogAxis range = new LogAxis(label);
        range.setSmallestValue(1e-9);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setDefaultSeriesVisibleInLegend(inLegend);
        for (int i = 0; i < lines.size(); i++) {
            renderer.setSeriesStroke(i, lines.get(i).dashed()
                    ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(2f));
            renderer.setSeriesPaint(i, lines.get(i).color());
        }
        XYPlot p = new XYPlot(data, null, range, renderer);
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return p;
    }
}
