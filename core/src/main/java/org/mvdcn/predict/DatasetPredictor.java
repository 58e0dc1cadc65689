package org.mvdcn.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.function.Consumer;
import org.mvdcn.data.ExamBatch;
import org.mvdcn.data.ExamLoader;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.LoaderConfig;
import org.mvdcn.data.PreparedExam;
import org.mvdcn.data.Split;
import org.mvdcn.model.MultiViewNetwork;

/**
 * Probabilities for many exams through the loader: validation exams with the noise-free crop,
 * test exams averaged over the loader's test crop sets (the paper's 10-crop evaluation).
 */
public final class DatasetPredictor {

    /** Exams in the order predicted, with their probabilities (averaged over crops). */
    public record Predictions(List<ExamRecord> exams, double[][] probabilities) {}

    private DatasetPredictor() {}

    public static Predictions predict(MultiViewNetwork network, NDManager manager, List<ExamRecord> exams, Split role,
            LoaderConfig config, Consumer<String> warnings) {
        java.util.ArrayList<ExamRecord> order = new java.util.ArrayList<>();
        java.util.ArrayList<double[]> probabilities = new java.util.ArrayList<>();
        try (ExamLoader loader = new ExamLoader(exams, role, config, 0, warnings)) {
            for (ExamBatch batch = loader.next(); batch != null; batch = loader.next()) {
                int crops = batch.exams().get(0).crops().size();
                double[][] sum = new double[batch.size()][3];
                for (int c = 0; c < crops; c++) {
                    try (NDManager scope = manager.newSubManager()) {
                        NDList inputs = batch.inputs(scope, c);
                        NDArray logits = network.forward(new ParameterStore(scope, false), inputs, false).singletonOrThrow();
                        float[] p = logits.softmax(1).toFloatArray();
                        for (int i = 0; i < batch.size(); i++) {
                            for (int k = 0; k < 3; k++) {
                                sum[i][k] += p[i * 3 + k] / crops;
                            }
                        }
                    }
                }
                for (int i = 0; i < batch.size(); i++) {
                    PreparedExam e = batch.exams().get(i);
                    order.add(e.exam());
                    probabilities.add(sum[i]);
                }
            }
        }
        return new Predictions(List.copyOf(order), probabilities.toArray(double[][]::new));
    }

    /** The BI-RADS labels of the predicted exams, in the same order. */
    public static int[] labels(Predictions p) {
        return p.exams().stream().mapToInt(e -> e.label()).toArray();
    }
}
