package org.mvdcn.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.preprocess.PreparedExam;

/**
 * The network's probabilities for prepared exams, each averaged over its crop sets (the paper's
 * test-time averaging): the one scoring step behind validation, evaluate, predict and the service.
 * Every array of a crop set lives in a scope closed after it.
 */
public final class ExamScorer {

    private final MultiViewNetwork network;
    private final NDManager manager;

    public ExamScorer(MultiViewNetwork network, NDManager manager) {
        this.network = network;
        this.manager = manager;
    }

    /**
     * The network's logits per exam and crop set, [exam][crop set][class]: what a temperature is
     * fitted on, and what evaluate rescales both ways (raw and calibrated) from one pass.
     */
    public double[][][] logits(List<PreparedExam> exams) {
        return score(exams).logits();
    }

    /** What one pass over the exams' crop sets gives: each exam's crop scores, in order. */
    public record Scores(List<CropScores> exams) {

        /** One exam's crop sets. */
        public CropScores cropScores(int exam) {
            return exams.get(exam);
        }

        /** [exam][crop set][class]. */
        public double[][][] logits() {
            return exams.stream().map(CropScores::logits).toArray(double[][][]::new);
        }

        /** Each exam's view features averaged over its crop sets, [exam][feature]. */
        public double[][] features() {
            return exams.stream().map(CropScores::meanFeatures).toArray(double[][]::new);
        }
    }

    public Scores score(List<PreparedExam> exams) {
        List<CropScores> perExam = new ArrayList<>();
        exams.forEach(e -> perExam.add(new CropScores()));
        for (int c = 0; c < exams.get(0).cropSets().size(); c++) {
            try (NDManager scope = manager.newSubManager();
                    NDList out = network.forwardWithFeatures(new ParameterStore(manager, false), PreparedExam.inputs(scope, exams, c),
                            false)) {
                double[][] logits = rows(out.get(0).toFloatArray(), exams.size());
                double[][] features = rows(out.get(1).toFloatArray(), exams.size());
                for (int i = 0; i < exams.size(); i++) {
                    perExam.get(i).add(logits[i], features[i]);
                }
            }
        }
        return new Scores(List.copyOf(perExam));
    }

    /** A (B, n) output as B rows. */
    static double[][] rows(float[] values, int batch) {
        int n = values.length / batch;
        double[][] out = new double[batch][n];
        for (int i = 0; i < batch; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = values[i * n + j];
            }
        }
        return out;
    }

    /** Softmax of the network's logits for four (B, 1, H, W) inputs: B rows of 3, flattened. */
    public float[] softmax(NDList inputs) {
        try (NDList logits = network.forward(new ParameterStore(manager, false), inputs, false);
                NDArray p = logits.singletonOrThrow().softmax(1)) {
            return p.toFloatArray();
        }
    }
}
