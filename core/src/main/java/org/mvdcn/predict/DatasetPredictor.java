package org.mvdcn.predict;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.mvdcn.assess.ExamCheck;
import org.mvdcn.assess.ExamChecks;
import org.mvdcn.calibration.TemperatureScaling;
import org.mvdcn.data.ExamBatch;
import org.mvdcn.data.ExamLoader;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.LoaderConfig;
import org.mvdcn.data.Split;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.ood.ExamSignature;
import org.mvdcn.ood.OodModel;
import org.mvdcn.preprocess.ExamPipeline;

/**
 * Logits for many exams through the loader: validation exams with the noise-free crop, test exams
 * with the loader's test crop sets (the paper's 10-crop evaluation), and their probabilities.
 */
public final class DatasetPredictor {

    /**
     * Exams in the order predicted, with the network's logits, [exam][crop set][class], their
     * statistics averaged over the crop sets (the out-of-distribution check's), and what the checks
     * before scoring found in each (empty where the exams were not checked).
     */
    public record Predictions(List<ExamRecord> exams, double[][][] logits, List<ExamSignature> signatures,
            List<List<ExamCheck>> checks) {

        /** Logits scored elsewhere and kept without the statistics and checks (a table of results): what evaluating needs. */
        public static Predictions ofLogits(List<ExamRecord> exams, double[][][] logits) {
            return new Predictions(exams, logits, null, null);
        }

        /** Each exam's assessment: its checks before scoring and {@code ood}'s check of its statistics (null: the model has none). */
        public List<Assessment> assessments(OodModel ood) {
            List<Assessment> out = new ArrayList<>(exams.size());
            for (int i = 0; i < exams.size(); i++) {
                out.add(Assessment.of(ood == null ? null : ood.check(signatures.get(i)), checks.get(i)));
            }
            return out;
        }

        /** Probabilities averaged over the crop sets, as the network gives them. */
        public double[][] probabilities() {
            return probabilities(1);
        }

        /** Probabilities averaged over the crop sets with the logits divided by {@code temperature}. */
        public double[][] probabilities(double temperature) {
            return TemperatureScaling.probabilities(logits, temperature);
        }

        /** The BI-RADS labels of the predicted exams, in the same order. */
        public int[] labels() {
            return exams.stream().mapToInt(ExamRecord::label).toArray();
        }
    }

    private DatasetPredictor() {}

    /** The exams' predictions, unchecked. */
    public static Predictions predict(MultiViewNetwork network, NDManager manager, ExamPipeline pipeline, List<ExamRecord> exams,
            Split role, LoaderConfig config, Consumer<String> warnings) {
        return predict(network, manager, pipeline, exams, role, config, null, warnings);
    }

    /** The exams' predictions, each exam checked by {@code checks} before it is scored (null: not checked). */
    public static Predictions predict(MultiViewNetwork network, NDManager manager, ExamPipeline pipeline, List<ExamRecord> exams,
            Split role, LoaderConfig config, ExamChecks checks, Consumer<String> warnings) {
        ExamScorer scorer = new ExamScorer(network, manager);
        List<ExamRecord> order = new ArrayList<>();
        List<double[][]> logits = new ArrayList<>();
        List<ExamSignature> signatures = new ArrayList<>();
        List<List<ExamCheck>> found = new ArrayList<>();
        try (ExamLoader loader = new ExamLoader(exams, role, pipeline, config, 0, checks, warnings)) {
            for (ExamBatch batch = loader.next(); batch != null; batch = loader.next()) {
                order.addAll(batch.records());
                ExamScorer.Scores scores = scorer.score(batch.exams());
                logits.addAll(List.of(scores.logits()));
                signatures.addAll(scores.signatures());
                found.addAll(batch.checks());
            }
        }
        return new Predictions(List.copyOf(order), logits.toArray(double[][][]::new), List.copyOf(signatures), List.copyOf(found));
    }
}
