package org.mvdcn.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.mvdcn.calibration.TemperatureScaling;
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

    /** P(BI-RADS 0, 1, 2) per exam, in order; the exams share one crop size and one number of crop sets. */
    public double[][] probabilities(List<PreparedExam> exams) {
        // a calibrated network has divided its logits by its temperature already
        return TemperatureScaling.probabilities(logits(exams), 1);
    }

    /**
     * The network's logits per exam and crop set, [exam][crop set][class]: what a temperature is
     * fitted on, and what evaluate rescales both ways (raw and calibrated) from one pass.
     */
    public double[][][] logits(List<PreparedExam> exams) {
        return score(exams).logits();
    }

    /**
     * What one pass over the exams' crop sets gives: the logits [exam][crop set][class] and each
     * exam's view features averaged over its crop sets [exam][feature].
     */
    public record Scores(double[][][] logits, double[][] features) {}

    public Scores score(List<PreparedExam> exams) {
        int sets = exams.get(0).cropSets().size();
        double[][][] z = new double[exams.size()][sets][3];
        double[][] features = null;
        for (int c = 0; c < sets; c++) {
            try (NDManager scope = manager.newSubManager();
                    NDList out = network.forwardWithFeatures(new ParameterStore(manager, false), PreparedExam.inputs(scope, exams, c),
                            false)) {
                float[] v = out.get(0).toFloatArray();
                float[] f = out.get(1).toFloatArray();
                int d = f.length / exams.size();
                if (features == null) {
                    features = new double[exams.size()][d];
                }
                for (int i = 0; i < exams.size(); i++) {
                    for (int k = 0; k < 3; k++) {
                        z[i][c][k] = v[i * 3 + k];
                    }
                    for (int j = 0; j < d; j++) {
                        features[i][j] += f[i * d + j] / sets;
                    }
                }
            }
        }
        return new Scores(z, features);
    }

    /** Softmax of the network's logits for four (B, 1, H, W) inputs: B rows of 3, flattened. */
    public float[] softmax(NDList inputs) {
        try (NDList logits = network.forward(new ParameterStore(manager, false), inputs, false);
                NDArray p = logits.singletonOrThrow().softmax(1)) {
            return p.toFloatArray();
        }
    }
}
