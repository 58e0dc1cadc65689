package org.mvdcn.predict;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.mvdcn.data.ExamBatch;
import org.mvdcn.data.ExamLoader;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.LoaderConfig;
import org.mvdcn.data.Split;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.preprocess.ExamPipeline;

/**
 * Probabilities for many exams through the loader: validation exams with the noise-free crop,
 * test exams averaged over the loader's test crop sets (the paper's 10-crop evaluation).
 */
public final class DatasetPredictor {

    /** Exams in the order predicted, with their probabilities (averaged over crops). */
    public record Predictions(List<ExamRecord> exams, double[][] probabilities) {

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
        List<double[]> probabilities = new ArrayList<>();
        try (ExamLoader loader = new ExamLoader(exams, role, pipeline, config, 0, warnings)) {
            for (ExamBatch batch = loader.next(); batch != null; batch = loader.next()) {
                order.addAll(batch.records());
                probabilities.addAll(List.of(scorer.probabilities(batch.exams())));
            }
        }
        return new Predictions(List.copyOf(order), probabilities.toArray(double[][]::new));
    }
}
