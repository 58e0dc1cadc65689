package org.mvdcn.eval;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mvdcn.BadInputException;
import org.mvdcn.MissingFileException;
import org.mvdcn.calibration.CalibrationMetrics;
import org.mvdcn.calibration.CalibrationReport;
import org.mvdcn.io.AtomicFiles;
import org.mvdcn.predict.Assessment;
import org.mvdcn.preprocess.Preprocessing;

/**
 * {@code evaluation.json}: an {@link EvaluationReport} in the layout the README documents
 * ({@code {"exams", "auc": {"0","1","2"}, "macAUC", "macAUC_ci", "hc_macAUC", ...}}; undefined
 * values as "NaN"), its calibration ({@code "calibrated", "temperature", "calibration": {"bins",
 * "before": {"ece", "brier": {"0","1","2"}}, "after"}}), plus the model it scored. This class alone
 * writes and reads the file, so the studies read their settings' results back typed.
 */
public final class EvaluationFile {

    public static final String NAME = "evaluation.json";
    /** The block {@link #addDrawnClasses} adds. */
    public static final String DRAWN = "drawn_classes";
    /** The block {@link #addOutOfDistribution} adds. */
    public static final String OUT_OF_DISTRIBUTION = "out_of_distribution";
    /** Per BI-RADS class, the validation entropy under which a share's most confident exams lie. */
    private static final String CUTOFFS = "validation_entropy_cutoffs";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Which model was scored, how: kept beside the numbers for provenance. */
    public record Provenance(String weights, String sha256, Preprocessing preprocessing, int crops, long seed) {}

    private EvaluationFile() {}

    public static String json(EvaluationReport r, Provenance provenance) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        aucs(root, r.exams(), r.auc(), r.macAuc(), r.intervals());
        root.put("hc_macAUC", r.hcMacAuc());
        ArrayNode rows = root.putArray("hc_macAUC_by_share");
        for (EvaluationReport.ConfidentRow row : r.confident()) {
            ObjectNode o = rows.addObject().put("share", row.share());
            ObjectNode cutoffs = o.putObject(CUTOFFS);
            for (int k = 0; k < 3; k++) {
                cutoffs.put(String.valueOf(k), row.entropyCutoffs()[k]);
            }
            o.put("validation_exams", row.validationExams()).put("validation_macAUC", row.validationMacAuc())
                    .put("test_exams", row.testExams()).put("macAUC", row.macAuc());
            interval(o.putArray("macAUC_ci"), row.interval());
        }
        if (r.calibration() != null) {
            calibration(root, r.calibration());
        }
        if (provenance != null) {
            root.set("model", JSON.valueToTree(provenance));
        }
        return JSON.writeValueAsString(root);
    }

    public static void write(Path file, EvaluationReport report, Provenance provenance) throws IOException {
        AtomicFiles.writeString(file, json(report, provenance));
    }

    /**
     * Adds to the evaluation in {@code file} its scores against the drawn classes: {@code "drawn_classes":
     * {"truth", "exams", "recorded_otherwise", "auc", "auc_ci", "macAUC", "macAUC_ci", "hc_macAUC",
     * "hc_macAUC_by_share": [{"share", "test_exams", "macAUC", "macAUC_ci"}]}}.
     */
    public static void addDrawnClasses(Path file, DrawnClassReport d) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (!(root instanceof ObjectNode evaluation) || !root.has("macAUC")) {
            throw new BadInputException(file, "not an evaluation (macAUC missing)");
        }
        ObjectNode block = evaluation.putObject(DRAWN).put("truth", d.truth());
        aucs(block, d.exams(), d.auc(), d.macAuc(), d.intervals());
        block.put("recorded_otherwise", d.recordedOtherwise()).put("hc_macAUC", d.hcMacAuc());
        ArrayNode rows = block.putArray("hc_macAUC_by_share");
        for (DrawnClassReport.Share s : d.confident()) {
            ObjectNode o = rows.addObject().put("share", s.share()).put("test_exams", s.testExams()).put("macAUC", s.macAuc());
            interval(o.putArray("macAUC_ci"), s.interval());
        }
        AtomicFiles.writeString(file, JSON.writeValueAsString(evaluation));
    }

    /**
     * Adds to the evaluation in {@code file} what the checks said of its test exams ({@code assessments},
     * in the order of {@code probabilities}) and the metrics with and without those not assessed:
     * {@code "out_of_distribution": {"threshold", "test_exams", "flagged", "not_assessed", "checks":
     * {code: exams}, "macAUC_all", "macAUC_assessed", "auc_all": {"0","1","2"}, "auc_assessed"}}. The
     * block kept its name from when the out-of-distribution check was the only one: "flagged" counts
     * the exams it flagged, "not_assessed" those any check withheld (it among them), "checks" the exams
     * with each finding (warnings too), and "_assessed" the metrics on the others (NaN where they lack
     * a class). "threshold" only when the model carries the out-of-distribution check.
     */
    public static void addOutOfDistribution(Path file, Double threshold, double[][] probabilities, int[] labels,
            List<Assessment> assessments) throws IOException {
        ObjectNode evaluation = (ObjectNode) JSON.readTree(file.toFile());
        List<Integer> kept = new ArrayList<>();
        Map<String, Integer> byCode = new TreeMap<>();
        int flagged = 0;
        for (int i = 0; i < assessments.size(); i++) {
            Assessment a = assessments.get(i);
            if (a.assessed()) {
                kept.add(i);
            }
            flagged += a.flagged() ? 1 : 0;
            a.checks().forEach(code -> byCode.merge(code, 1, Integer::sum));
        }
        ClassificationMetrics.Subset assessed = ClassificationMetrics.subset(probabilities, labels, kept);
        ObjectNode block = evaluation.putObject(OUT_OF_DISTRIBUTION);
        if (threshold != null) {
            block.put("threshold", threshold);
        }
        block.put("test_exams", assessments.size()).put("flagged", flagged).put("not_assessed", assessments.size() - kept.size());
        ObjectNode codes = block.putObject("checks");
        byCode.forEach(codes::put);
        block.put("macAUC_all", ClassificationMetrics.macAuc(probabilities, labels))
                .put("macAUC_assessed", ClassificationMetrics.macAuc(assessed.probabilities(), assessed.labels()));
        perClass(block.putObject("auc_all"), ClassificationMetrics.perClassAuc(probabilities, labels));
        perClass(block.putObject("auc_assessed"), ClassificationMetrics.perClassAuc(assessed.probabilities(), assessed.labels()));
        AtomicFiles.writeString(file, JSON.writeValueAsString(evaluation));
    }

    /** "exams", "auc", "auc_ci", "macAUC", "macAUC_ci": the same layout against recorded labels and drawn classes. */
    private static void aucs(ObjectNode into, int exams, double[] auc, double macAuc, ClassificationMetrics.Interval[] intervals) {
        into.put("exams", exams);
        perClass(into.putObject("auc"), auc);
        ObjectNode perClassCi = into.putObject("auc_ci");
        for (int k = 0; k < 3; k++) {
            interval(perClassCi.putArray(String.valueOf(k)), intervals[k]);
        }
        into.put("macAUC", macAuc);
        interval(into.putArray("macAUC_ci"), intervals[3]);
    }

    /** Reads a file written by {@link #write} (or by mvdcn 0.1, which wrote the same layout without the model). */
    public static EvaluationReport read(Path file) {
        if (!file.toFile().isFile()) {
            throw new MissingFileException(file, "evaluation");
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            double[] auc = new double[3];
            ClassificationMetrics.Interval[] intervals = new ClassificationMetrics.Interval[4];
            for (int k = 0; k < 3; k++) {
                auc[k] = number(root.path("auc").path(String.valueOf(k)));
                intervals[k] = interval(root.path("auc_ci").path(String.valueOf(k)));
            }
            intervals[3] = interval(root.path("macAUC_ci"));
            List<EvaluationReport.ConfidentRow> rows = new ArrayList<>();
            for (JsonNode r : root.path("hc_macAUC_by_share")) {
                // files written before the per-class cut-offs hold one pooled cut-off: the same cut-off for every class
                double[] cutoffs = new double[3];
                for (int k = 0; k < 3; k++) {
                    cutoffs[k] = number(r.has(CUTOFFS) ? r.path(CUTOFFS).path(String.valueOf(k)) : r.path("validation_entropy_cutoff"));
                }
                rows.add(new EvaluationReport.ConfidentRow(number(r.path("share")), cutoffs, r.path("validation_exams").asInt(),
                        number(r.path("validation_macAUC")), r.path("test_exams").asInt(), number(r.path("macAUC")),
                        interval(r.path("macAUC_ci"))));
            }
            if (!root.has("exams") || !root.has("macAUC") || rows.isEmpty()) {
                throw new IOException("not an evaluation (exams, macAUC or hc_macAUC_by_share missing)");
            }
            return new EvaluationReport(root.path("exams").asInt(), auc, number(root.path("macAUC")), intervals, rows,
                    root.has("calibration") ? calibration(root) : null);
        } catch (IOException e) {
            throw new BadInputException(file, "unreadable evaluation (" + e.getMessage() + ")", e);
        }
    }

    /** Which probabilities the numbers above use ("calibrated", "temperature"), then "calibration": ECE and Brier scores. */
    private static void calibration(ObjectNode root, CalibrationReport c) {
        root.put("calibrated", c.applied());
        if (c.temperature() != null) {
            root.put("temperature", c.temperature());
        }
        ObjectNode block = root.putObject("calibration").put("bins", CalibrationMetrics.BINS);
        quality(block.putObject("before"), c.before());
        if (c.after() != null) {
            quality(block.putObject("after"), c.after());
        }
    }

    private static void quality(ObjectNode into, CalibrationReport.Quality q) {
        into.put("ece", q.ece());
        perClass(into.putObject("brier"), q.brier());
    }

    private static CalibrationReport calibration(JsonNode root) {
        JsonNode block = root.path("calibration");
        return new CalibrationReport(root.path("calibrated").asBoolean(), root.has("temperature") ? number(root.path("temperature")) : null,
                quality(block.path("before")), block.has("after") ? quality(block.path("after")) : null);
    }

    private static CalibrationReport.Quality quality(JsonNode q) {
        double[] brier = new double[3];
        for (int k = 0; k < 3; k++) {
            brier[k] = number(q.path("brier").path(String.valueOf(k)));
        }
        return new CalibrationReport.Quality(number(q.path("ece")), brier);
    }

    /** {"0", "1", "2"}: one value per class. */
    private static void perClass(ObjectNode into, double[] values) {
        for (int k = 0; k < values.length; k++) {
            into.put(String.valueOf(k), values[k]);
        }
    }

    private static void interval(ArrayNode into, ClassificationMetrics.Interval i) {
        into.add(i.low()).add(i.high());
    }

    private static ClassificationMetrics.Interval interval(JsonNode pair) {
        return new ClassificationMetrics.Interval(number(pair.path(0)), number(pair.path(1)));
    }

    /** A number, or NaN where the file says "NaN" (undefined: a class absent) or nothing. */
    private static double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : n.isTextual() ? Double.parseDouble(n.asText()) : Double.NaN;
    }
}
