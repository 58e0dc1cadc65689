package org.mvdcn.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.mvdcn.model.LayerProbe;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.ood.ExamSignature;
import org.mvdcn.ood.ImageStatisticsProbe;
import org.mvdcn.preprocess.PreparedExam;

/**
 * The network's probabilities for prepared exams, each averaged over its crop sets (the paper's
 * test-time averaging): the one scoring step behind validation, evaluate, predict and the service.
 * The same pass measures each exam's statistics for the out-of-distribution check. Every array of a crop set lives in a scope closed after it.
 */
public final class ExamScorer {

    private final MultiViewNetwork network;
    private final NDManager manager;

    public ExamScorer(MultiViewNetwork network, NDManager manager) {
        this.network = network;
        this.manager = manager;
    }

    /** What one pass over the exams' crop sets gives: each exam's crop scores, in order. */
    public record Scores(List<CropScores> exams) {

        /** One exam's crop sets. */
        public CropScores cropScores(int exam) {
            return exams.get(exam);
        }

        /**
         * The network's logits per exam and crop set, [exam][crop set][class]: what a temperature is
         * fitted on, and what evaluate rescales both ways (raw and calibrated) from one pass.
         */
        public double[][][] logits() {
            return exams.stream().map(CropScores::logits).toArray(double[][][]::new);
        }

        /** Each exam's statistics averaged over its crop sets, in order. */
        public List<ExamSignature> signatures() {
            return exams.stream().map(CropScores::meanSignature).toList();
        }
    }

    public Scores score(List<PreparedExam> exams) {
        List<CropScores> perExam = new ArrayList<>();
        exams.forEach(e -> perExam.add(new CropScores()));
        for (int c = 0; c < exams.get(0).cropSets().size(); c++) {
            ImageStatisticsProbe probe = new ImageStatisticsProbe(network.config().columnLayout(), exams.size());
            try (NDManager scope = manager.newSubManager();
                    NDList out = network.forward(new ParameterStore(manager, false), PreparedExam.inputs(scope, exams, c), false,
                            LayerProbe.parameters(probe))) {
                double[][] logits = rows(out.singletonOrThrow().toFloatArray(), exams.size());
                List<ExamSignature> signatures = probe.signatures();
                for (int i = 0; i < exams.size(); i++) {
                    perExam.get(i).add(logits[i], signatures.get(i));
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
