package org.mvdcn.eval;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.mvdcn.BadInputException;
import org.mvdcn.calibration.CalibrationMetrics;
import org.mvdcn.calibration.CalibrationReport;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.LoaderConfig;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.Split;
import org.mvdcn.data.SplitAssignment;
import org.mvdcn.ood.OodModel;
import org.mvdcn.predict.Assessment;
import org.mvdcn.predict.DatasetPredictor;
import org.mvdcn.predict.TrainedModel;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.preprocess.PreprocessingOverrides;

/**
 * Evaluates a model on a manifest's test split the way the paper did: test exams (each
 * patient's last visit) averaged over {@code crops} random crop sets and checked as a single exam is
 * ({@link org.mvdcn.assess.ExamChecks}, the out-of-distribution check), validation exams with the
 * noise-free crop for the entropy cut-offs; writes {@code evaluation.json}, {@code predictions.csv},
 * {@code roc.png} and {@code reliability.png} to {@code out}. The probabilities are the calibrated
 * ones when the model carries a temperature (unless asked otherwise); the calibration's effect is
 * measured either way, from one pass of the network.
 */
public final class ModelEvaluation {

    public static final String PREDICTIONS = "predictions.csv";
    public static final String ROC = "roc.png";
    public static final String RELIABILITY = "reliability.png";

    /**
     * What to evaluate and how.
     *
     * @param preprocessing the run's recorded preprocessing, for weights that do not carry their own (null: none)
     * @param overrides what the user changed in the model's preprocessing
     * @param calibrated score with the model's temperature when it has one (false: the raw probabilities)
     * @param device where the model runs
     */
    public record Setup(Path manifest, SplitAssignment split, Path weights, Preprocessing preprocessing,
            PreprocessingOverrides overrides, int crops, int bootstrapRounds, long seed, int threads, boolean calibrated,
            Device device) {}

    private ModelEvaluation() {}

    public static EvaluationReport run(Setup s, Path out, Consumer<String> log) throws IOException {
        Manifest manifest = Manifest.load(s.manifest(), false);
        List<ExamRecord> test = s.split().selectLabelled(manifest.exams(), Split.TEST);
        List<ExamRecord> validation = s.split().selectLabelled(manifest.exams(), Split.VALIDATION);
        if (test.isEmpty() || validation.isEmpty()) {
            throw new BadInputException(s.manifest(), "needs labelled exams in the test and validation splits (have "
                    + test.size() + " and " + validation.size() + ")");
        }
        LoaderConfig loading = new LoaderConfig(4, s.threads(), 8, s.crops(), false, s.seed());
        // the raw logits: both the raw and the calibrated probabilities come from them
        try (TrainedModel model = TrainedModel.load(s.weights(), s.preprocessing(), s.overrides(), false, s.device(), log)) {
            log.accept(String.format("predicting %d test exams x %d crops and %d validation exams (%s)", test.size(), s.crops(),
                    validation.size(), model.preprocessing().describe()));
            DatasetPredictor.Predictions t = DatasetPredictor.predict(model.network(), model.manager(), model.pipeline(), test,
                    Split.TEST, loading, model.checks(), log);
            DatasetPredictor.Predictions v = DatasetPredictor.predict(model.network(), model.manager(), model.pipeline(), validation,
                    Split.VALIDATION, loading, log);
            Double temperature = model.calibration() == null ? null : model.calibration().temperature();
            return write(out, t, v, temperature, s.calibrated(), s.bootstrapRounds(), s.seed(),
                    new EvaluationFile.Provenance(s.weights().toString(), model.sha256(), model.preprocessing(), s.crops(), s.seed()),
                    t.assessments(model.ood()), model.ood());
        }
    }

    /**
     * What evaluate writes to {@code out}, from the network's logits for the test and validation
     * exams: the Spark scorer hands in those of its table, so both report the same numbers.
     *
     * @param temperature the model's; null when it carries none
     * @param calibrated report the probabilities divided by {@code temperature} when there is one
     * @param assessments what the checks said of each test exam, in order
     * @param ood the model's out-of-distribution check (for its threshold); null when it carries none
     */
    public static EvaluationReport write(Path out, DatasetPredictor.Predictions t, DatasetPredictor.Predictions v, Double temperature,
            boolean calibrated, int bootstrapRounds, long seed, EvaluationFile.Provenance provenance, List<Assessment> assessments,
            OodModel ood) throws IOException {
        int[] labels = t.labels();
        boolean applied = calibrated && temperature != null;
        double[][] raw = t.probabilities();
        double[][] calibratedProbabilities = temperature == null ? null : t.probabilities(temperature);
        double[][] scored = applied ? calibratedProbabilities : raw;
        EvaluationReport report = EvaluationReport.of(scored, labels, v.probabilities(applied ? temperature : 1), v.labels(),
                bootstrapRounds, seed).with(new CalibrationReport(applied, temperature, CalibrationReport.Quality.of(raw, labels),
                        calibratedProbabilities == null ? null : CalibrationReport.Quality.of(calibratedProbabilities, labels)));
        Files.createDirectories(out);
        EvaluationFile.write(out.resolve(EvaluationFile.NAME), report, provenance);
        PredictionsFile.write(out.resolve(PREDICTIONS), t.exams(), scored, labels, assessments);
        EvaluationFile.addOutOfDistribution(out.resolve(EvaluationFile.NAME), ood == null ? null : ood.record().threshold(), scored,
                labels, assessments);
        ReliabilityFigure.write(out.resolve(RELIABILITY), "Reliability, all test exams (" + labels.length + ")",
                CalibrationMetrics.reliability(raw, labels),
                calibratedProbabilities == null ? null : CalibrationMetrics.reliability(calibratedProbabilities, labels), temperature);
        ClassificationMetrics.Subset confident = report.confidentTest(scored, labels);
        RocFigure.write(out.resolve(ROC), scored, labels, confident.probabilities(), confident.labels(),
                "Each class's most confident 30%");
        return report;
    }

    /** A row's per-class cut-offs, "none" at 100%. */
    public static String cutoffs(EvaluationReport.ConfidentRow row) {
        return row.share() >= 1 ? "none" : String.format(Locale.ROOT, "%.4f/%.4f/%.4f", row.entropyCutoffs()[0],
                row.entropyCutoffs()[1], row.entropyCutoffs()[2]);
    }

    /** The human-readable summary: AUCs with intervals, the Table 5 rows, and the calibration. */
    public static String table(EvaluationReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("test exams %d%n", r.exams()));
        for (int k = 0; k < 3; k++) {
            sb.append(String.format("AUC BI-RADS %d  %.3f  [%.3f, %.3f]%n", k, r.auc()[k], r.intervals()[k].low(), r.intervals()[k].high()));
        }
        sb.append(String.format("macAUC        %.3f  [%.3f, %.3f]%n", r.macAuc(), r.intervals()[3].low(), r.intervals()[3].high()));
        sb.append("most confident share  cut-off H (BI-RADS 0/1/2)  validation macAUC  test exams  test macAUC\n");
        for (EvaluationReport.ConfidentRow row : r.confident()) {
            sb.append(String.format("%19.0f%%  %24s  %16.3f  %10d  %.3f  [%.3f, %.3f]%n", 100 * row.share(), cutoffs(row),
                    row.validationMacAuc(), row.testExams(), row.macAuc(), row.interval().low(), row.interval().high()));
        }
        sb.append(String.format("HC-macAUC (30%%)  %.3f", r.hcMacAuc()));
        if (r.calibration() != null) {
            sb.append(String.format("%n")).append(r.calibration().describe());
        }
        return sb.toString();
    }
}
