package org.mvdcn.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
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

    /** P(BI-RADS 0, 1, 2) per exam, in order; the exams share one crop size and one number of crop sets. */
    public double[][] probabilities(List<PreparedExam> exams) {
        int sets = exams.get(0).cropSets().size();
        double[][] sum = new double[exams.size()][3];
        for (int c = 0; c < sets; c++) {
            try (NDManager scope = manager.newSubManager()) {
                float[] p = softmax(PreparedExam.inputs(scope, exams, c));
                for (int i = 0; i < exams.size(); i++) {
                    for (int k = 0; k < 3; k++) {
                        sum[i][k] += p[i * 3 + k] / sets;
                    }
                }
            }
        }
        return sum;
    }

    /** Softmax of the network's logits for four (B, 1, H, W) inputs: B rows of 3, flattened. */
    public float[] softmax(NDList inputs) {
        try (NDList logits = network.forward(new ParameterStore(manager, false), inputs, false);
                NDArray p = logits.singletonOrThrow().softmax(1)) {
            return p.toFloatArray();
        }
    }
}
