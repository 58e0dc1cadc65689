package org.mvdcn.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.mvdcn.io.AtomicFiles;

/**
 * A study's results in the paper's layout (Tables 3 and 4): rows "0 vs. others", "1 vs. others",
 * "2 vs. others", macAUC (with its bootstrap 95% interval), HC-macAUC and the paper's macAUC; one
 * column per setting. Written as Markdown ({@code study.md}), CSV ({@code study.csv}) and a plot
 * ({@code study.png}).
 */
public final class StudyTable {

    private StudyTable() {}

    public static void write(Path study, String title, List<StudyRunner.Outcome> outcomes, boolean showLayers) throws IOException {
        List<String> header = new ArrayList<>();
        header.add("");
        outcomes.forEach(o -> header.add(o.setting().label()));
        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            String key = String.valueOf(k);
            rows.add(row(k + " vs. others", outcomes, e -> number(e.path("auc").path(key))));
        }
        rows.add(row("macAUC", outcomes, e -> number(e.path("macAUC"))));
        rows.add(row("macAUC 95% CI", outcomes, e -> "[" + number(e.path("macAUC_ci").get(0)) + ", "
                + number(e.path("macAUC_ci").get(1)) + "]"));
        rows.add(row("HC-macAUC", outcomes, e -> number(e.path("hc_macAUC"))));
        rows.add(row("test exams", outcomes, e -> e.path("exams").asText()));
        List<String> paper = new ArrayList<>(List.of("paper macAUC"));
        outcomes.forEach(o -> paper.add(Double.isNaN(o.setting().paperMacAuc()) ? "" : String.format(Locale.ROOT, "%.3f",
                o.setting().paperMacAuc())));
        rows.add(paper);
        if (showLayers) {
            List<String> layers = new ArrayList<>(List.of("last layer run"));
            outcomes.forEach(o -> layers.add(Studies.lastLayer(o.setting().options())));
            rows.add(layers);
        }
        StringBuilder md = new StringBuilder("| " + String.join(" | ", header) + " |\n|");
        header.forEach(h -> md.append("---|"));
        md.append('\n');
        for (List<String> r : rows) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        AtomicFiles.writeString(study.resolve("study.md"), "# " + title + "\n\n" + md);
        StringWriter csv = new StringWriter();
        try (CSVPrinter out = new CSVPrinter(csv, CSVFormat.DEFAULT)) {
            List<String> csvHeader = new ArrayList<>(header);
            csvHeader.set(0, "metric");
            out.printRecord(csvHeader);
            for (List<String> r : rows) {
                out.printRecord(r);
            }
        }
        AtomicFiles.writeString(study.resolve("study.csv"), csv.toString());
        plot(study.resolve("study.png"), title, outcomes);
    }

    private static List<String> row(String name, List<StudyRunner.Outcome> outcomes, Function<JsonNode, String> cell) {
        List<String> r = new ArrayList<>(List.of(name));
        outcomes.forEach(o -> r.add(cell.apply(o.evaluation())));
        return r;
    }

    private static String number(JsonNode n) {
        return n == null || n.isMissingNode() || !n.isNumber() ? "n/a" : String.format(Locale.ROOT, "%.3f", n.asDouble());
    }

    private static void plot(Path file, String title, List<StudyRunner.Outcome> outcomes) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (StudyRunner.Outcome o : outcomes) {
            String label = o.setting().label();
            JsonNode e = o.evaluation();
            data.addValue(e.path("macAUC").asDouble(Double.NaN), "mvdcn macAUC", label);
            data.addValue(e.path("macAUC_ci").path(0).asDouble(Double.NaN), "95% CI low", label);
            data.addValue(e.path("macAUC_ci").path(1).asDouble(Double.NaN), "95% CI high", label);
            if (!Double.isNaN(o.setting().paperMacAuc())) {
                data.addValue(o.setting().paperMacAuc(), "paper macAUC", label);
            }
        }
        JFreeChart chart = ChartFactory.createLineChart(title, "setting", "macAUC", data, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        LineAndShapeRenderer r = new LineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, new Color(0xd62728));
        r.setSeriesStroke(0, new BasicStroke(2.5f));
        BasicStroke dashed = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f);
        r.setSeriesPaint(1, new Color(0xd62728));
        r.setSeriesStroke(1, dashed);
        r.setSeriesPaint(2, new Color(0xd62728));
        r.setSeriesStroke(2, dashed);
        r.setSeriesPaint(3, new Color(0x1f77b4));
        r.setSeriesStroke(3, new BasicStroke(2.5f));
        plot.setRenderer(r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, 800, 500));
    }
}
