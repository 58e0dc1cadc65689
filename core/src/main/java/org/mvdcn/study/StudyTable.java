package org.mvdcn.study;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.mvdcn.BadInputException;
import org.mvdcn.eval.ClassificationMetrics;
import org.mvdcn.eval.EvaluationReport;
import org.mvdcn.eval.PairedBootstrap;
import org.mvdcn.eval.PredictionsFile;
import org.mvdcn.eval.TruthFile;
import org.mvdcn.io.AtomicFiles;

/**
 * A study's results in the paper's layout, one column per setting, written as Markdown
 * ({@code study.md}), CSV ({@code study.csv}) and a plot of macAUC with its bootstrap interval
 * beside the paper's ({@code study.png}). A training study's tables end with paired comparisons of
 * its reference setting (the last, see {@link Studies}) against each other setting on the same
 * test exams, because the settings' independent intervals overlap long before their difference is noise.
 */
public final class StudyTable {

    public static final String MARKDOWN = "study.md";
    public static final String CSV = "study.csv";
    public static final String PLOT = "study.png";

    static final Color OURS = new Color(0xd62728);
    static final Color PAPER = new Color(0x1f77b4);
    static final Color SECOND = new Color(0x2ca02c);

    /** One line of the plot: its values per column, its colour, dashed for interval bounds. */
    public record Series(String name, double[] values, Color color, boolean dashed) {}

    private StudyTable() {}

    /**
     * Tables 3 and 4: rows "0 vs. others", "1 vs. others", "2 vs. others", macAUC and its
     * interval, HC-macAUC and the paper's macAUC (and, for the resolution study, the last layer
     * each column runs); with a synthetic cohort's {@code drawn} classes (or null), the AUCs against
     * them too. Then the paired comparisons of macAUC and of "0 vs. others" (where evidence only
     * some settings see shows first), against the recorded labels and the drawn classes, {@code
     * rounds} resamples seeded with the reference's training seed, as a section of study.md and as
     * rows of study.csv.
     */
    public static void write(Path study, String title, List<StudyRunner.Outcome> outcomes, boolean showLayers, int rounds,
            TruthFile.Drawn drawn) throws IOException {
        List<String> columns = outcomes.stream().map(o -> o.setting().label()).toList();
        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            int c = k;
            rows.add(row(k + " vs. others", outcomes, e -> number(e.auc()[c])));
        }
        rows.add(row("macAUC", outcomes, e -> number(e.macAuc())));
        rows.add(row("macAUC 95% CI", outcomes, e -> interval(e.intervals()[3])));
        rows.add(row("HC-macAUC", outcomes, e -> number(e.hcMacAuc())));
        rows.add(row("test exams", outcomes, e -> String.valueOf(e.exams())));
        double[] paper = outcomes.stream().mapToDouble(o -> o.setting().paperMacAuc()).toArray();
        rows.add(numbers("paper macAUC", paper));
        // each setting's predictions against the drawn classes, relabelled once for the rows and the comparisons
        List<PredictionsFile.ScoredExams> relabelled = drawn == null ? null : outcomes.stream().map(o -> drawn.relabel(o.predictions())).toList();
        if (drawn != null) {
            List<double[]> aucs = relabelled.stream().map(d -> ClassificationMetrics.perClassAuc(d.probabilities(), d.labels())).toList();
            for (int k = 0; k < 3; k++) {
                int c = k;
                rows.add(numbers(k + " vs. others, drawn classes", aucs.stream().mapToDouble(a -> a[c]).toArray()));
            }
            rows.add(numbers("macAUC, drawn classes", aucs.stream().mapToDouble(a -> (a[0] + a[1] + a[2]) / 3).toArray()));
        }
        if (showLayers) {
            List<String> layers = new ArrayList<>(List.of("last layer run"));
            outcomes.forEach(o -> layers.add(Studies.lastLayer(o.setting())));
            rows.add(layers);
        }
        StudyRunner.Outcome reference = outcomes.get(outcomes.size() - 1);
        List<Comparison> comparisons = new ArrayList<>();
        for (Labels labels : drawn == null ? List.of(Labels.RECORDED) : List.of(Labels.RECORDED, Labels.DRAWN)) {
            for (PairedBootstrap.Measure measure : List.of(PairedBootstrap.Measure.MAC_AUC, PairedBootstrap.Measure.auc(0))) {
                List<PredictionsFile.ScoredExams> scored = labels == Labels.DRAWN ? relabelled
                        : outcomes.stream().map(StudyRunner.Outcome::predictions).toList();
                for (int i = 0; i < outcomes.size() - 1; i++) {
                    comparisons.add(compare(study, reference, scored.get(scored.size() - 1), outcomes.get(i), scored.get(i), measure, labels,
                            rounds));
                }
            }
        }
        write(study, title, columns, rows, pairedRows(comparisons, outcomes.size() - 1),
                pairedSection(reference.setting().label(), comparisons, rounds));
        List<EvaluationReport> e = outcomes.stream().map(StudyRunner.Outcome::evaluation).toList();
        plot(study, title, "setting", columns, List.of(
                new Series("mvdcn macAUC", values(e, EvaluationReport::macAuc), OURS, false),
                new Series("95% CI low", values(e, r -> r.intervals()[3].low()), OURS, true),
                new Series("95% CI high", values(e, r -> r.intervals()[3].high()), OURS, true),
                new Series("paper macAUC", paper, PAPER, false)));
    }

    /** Writes {@code study.md} and {@code study.csv}: a header row of {@code columns}, then {@code rows} (name first). */
    public static void write(Path study, String title, List<String> columns, List<List<String>> rows) throws IOException {
        write(study, title, columns, rows, List.of(), "");
    }

    /** As above, with rows only study.csv gets and a Markdown section only study.md gets: the same numbers, each file's way. */
    private static void write(Path study, String title, List<String> columns, List<List<String>> rows, List<List<String>> csvRows,
            String section) throws IOException {
        List<String> header = new ArrayList<>(List.of(""));
        header.addAll(columns);
        StringBuilder md = new StringBuilder("| " + String.join(" | ", header) + " |\n|");
        header.forEach(h -> md.append("---|"));
        md.append('\n');
        for (List<String> r : rows) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        AtomicFiles.writeString(study.resolve(MARKDOWN), "# " + title + "\n\n" + md + section);
        StringWriter csv = new StringWriter();
        try (CSVPrinter out = new CSVPrinter(csv, CSVFormat.DEFAULT)) {
            header.set(0, "metric");
            out.printRecord(header);
            for (List<String> r : rows) {
                out.printRecord(r);
            }
            for (List<String> r : csvRows) {
                out.printRecord(r);
            }
        }
        AtomicFiles.writeString(study.resolve(CSV), csv.toString());
    }

    /** Writes {@code study.png}: one line per series over the columns; NaN values are gaps. */
    public static void plot(Path study, String title, String xAxis, List<String> columns, List<Series> series) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Series s : series) {
            for (int c = 0; c < columns.size(); c++) {
                data.addValue(Double.isNaN(s.values()[c]) ? null : s.values()[c], s.name(), columns.get(c));
            }
        }
        JFreeChart chart = ChartFactory.createLineChart(title, xAxis, "macAUC", data, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        LineAndShapeRenderer r = new LineAndShapeRenderer(true, true);
        BasicStroke dashed = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f);
        for (int i = 0; i < series.size(); i++) {
            r.setSeriesPaint(i, series.get(i).color());
            r.setSeriesStroke(i, series.get(i).dashed() ? dashed : new BasicStroke(2.5f));
        }
        plot.setRenderer(r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFiles.write(study.resolve(PLOT), out -> ChartUtils.writeChartAsPNG(out, chart, 800, 500));
    }

    /** Which classes a comparison scores against. */
    private enum Labels {
        RECORDED("recorded labels", ""), DRAWN("drawn classes", ", drawn classes");

        final String name;
        final String suffix;

        Labels(String name, String suffix) {
            this.name = name;
            this.suffix = suffix;
        }
    }

    /** The reference setting {@code a} against {@code b}. */
    private record Comparison(String a, String b, PairedBootstrap.Measure measure, Labels labels, PairedBootstrap.Result result) {

        String verdict() {
            return result.aBetter() ? a + " beats " + b : result.bBetter() ? b + " beats " + a : "no difference shown";
        }
    }

    /** {@code a} and {@code b}: the reference's and the other setting's predictions, with the labels {@code labels} names. */
    private static Comparison compare(Path study, StudyRunner.Outcome reference, PredictionsFile.ScoredExams a, StudyRunner.Outcome other,
            PredictionsFile.ScoredExams b, PairedBootstrap.Measure measure, Labels labels, int rounds) {
        try {
            return new Comparison(reference.setting().label(), other.setting().label(), measure, labels,
                    PairedBootstrap.compare(a, b, measure, rounds, reference.setting().options().run().seed()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(study.resolve(other.setting().name()), "cannot be paired with setting "
                    + reference.setting().label() + " (" + e.getMessage() + ")", e);
        }
    }

    private static String pairedSection(String a, List<Comparison> comparisons, int rounds) {
        if (comparisons.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "\n## Paired comparisons\n\nmacAUC (and the AUC of BI-RADS 0 "
                + "against the others) of %s minus that of each other setting on the same test exams: a paired bootstrap, %d "
                + "resamples of the exams, both settings scored on each; p two-sided, 2 min(share of differences <= 0, share >= 0). "
                + "A setting beats another only where the 95%% interval excludes 0.\n\n", a, rounds));
        md.append("| A vs. B | measure | against | A - B | 95% CI | p | paired test exams | resamples skipped (a class missing) | verdict |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Comparison c : comparisons) {
            PairedBootstrap.Result r = c.result();
            md.append(String.format(Locale.ROOT, "| %s vs. %s | %s | %s | %s | %s | %s | %d | %d | %s |\n", c.a(), c.b(), c.measure().name(),
                    c.labels().name, number(r.difference()), interval(r.interval()), p(r), r.exams(), r.skipped(), c.verdict()));
        }
        return md.toString();
    }

    /**
     * Five rows per measure and label set, one cell per setting as in the table above; the
     * reference's own cells name it. {@code settings} comparisons make one such block.
     */
    private static List<List<String>> pairedRows(List<Comparison> comparisons, int settings) {
        List<List<String>> all = new ArrayList<>();
        for (int from = 0; from < comparisons.size(); from += settings) {
            List<Comparison> block = comparisons.subList(from, from + settings);
            Comparison first = block.get(0);
            String of = " (" + first.a() + " minus setting" + first.labels().suffix + ")";
            List<List<String>> rows = List.of(new ArrayList<>(List.of("paired " + first.measure().name() + " difference" + of)),
                    new ArrayList<>(List.of("paired " + first.measure().name() + " difference 95% CI" + of)),
                    new ArrayList<>(List.of("paired " + first.measure().name() + " p" + of)),
                    new ArrayList<>(List.of("paired " + first.measure().name() + " test exams" + of)),
                    new ArrayList<>(List.of("paired " + first.measure().name() + " verdict" + of)));
            for (Comparison c : block) {
                PairedBootstrap.Result r = c.result();
                List<String> cells = List.of(number(r.difference()), interval(r.interval()), p(r), String.valueOf(r.exams()), c.verdict());
                for (int i = 0; i < rows.size(); i++) {
                    rows.get(i).add(cells.get(i));
                }
            }
            rows.forEach(r -> r.add("reference"));
            all.addAll(rows);
        }
        return all;
    }

    /** A p of 0 only says that no resample crossed zero: below the smallest p the resamples can show. */
    static String p(PairedBootstrap.Result r) {
        return r.p() == 0 ? "< " + number(2.0 / (r.rounds() - r.skipped())) : number(r.p());
    }

    static List<String> numbers(String name, double[] values) {
        List<String> r = new ArrayList<>(List.of(name));
        for (double v : values) {
            r.add(number(v));
        }
        return r;
    }

    static String number(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String interval(ClassificationMetrics.Interval i) {
        return "[" + number(i.low()) + ", " + number(i.high()) + "]";
    }

    private static List<String> row(String name, List<StudyRunner.Outcome> outcomes, Function<EvaluationReport, String> cell) {
        List<String> r = new ArrayList<>(List.of(name));
        outcomes.forEach(o -> r.add(cell.apply(o.evaluation())));
        return r;
    }

    private static double[] values(List<EvaluationReport> reports, ToDoubleFunction<EvaluationReport> field) {
        return reports.stream().mapToDouble(field).toArray();
    }
}
