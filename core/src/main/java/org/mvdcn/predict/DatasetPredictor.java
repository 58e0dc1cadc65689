package org.mvdcn.predict;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.mvdcn.calibration.TemperatureScaling;
import org.mvdcn.data.ExamBatch;
import org.mvdcn.data.ExamLoader;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.LoaderConfig;
import org.mvdcn.data.Split;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.ood.ExamSignature;
import org.mvdcn.preprocess.ExamPipeline;

/**
 * Logits for many exams through the loader: validation exams with the noise-free crop, test exams
 * with the loader's test crop sets (the paper's 10-crop evaluation), and their probabilities.
 */
public final class DatasetPredictor {

    /**
     * Exams in the order predicted, with the network's logits, [exam][crop set][class], and their
     * statistics averaged over the crop sets (the out-of-distribution check's).
     */
    public record Predictions(List<ExamRecord> exams, double[][][] logits, List<ExamSignature> signatures) {

        /** Logits scored elsewhere and kept without the statistics (a table of results): what evaluating needs. */
        public static Predictions ofLogits(List<ExamRecord> exams, double[][][] logits) {
            return new Predictions(exams, logits, null);
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

    public static Predictions predict(MultiViewNetwork network, NDManager manager, ExamPipeline pipeline, List<ExamRecord> exams,
            Split role, LoaderConfig config, Consumer<String> warnings) {
        ExamScorer scorer = new ExamScorer(network, manager);
        List<ExamRecord> order = new ArrayList<>();
        List<double[][]> logits = new ArrayList<>();
        List<ExamSignature> signatures = new ArrayList<>();
        try (ExamLoader loader = new ExamLoader(exams, role, pipeline, config, 0, warnings)) {
            for (ExamBatch batch = loader.next(); batch != null; batch = loader.next()) {
                order.addAll(batch.records());
                ExamScorer.Scores scores = scorer.score(batch.exams());
                logits.addAll(List.of(scores.logits()));
                signatures.addAll(scores.signatures());
            }
        }
        return new Predictions(List.copyOf(order), logits.toArray(double[][][]::new), List.copyOf(signatures));
    }
}
