package org.mvdcn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;

/**
 * An exam's BI-RADS probabilities from its two breasts', by the rule that makes a screening exam's
 * label from its breasts' (org.mvdcn.datasets.ExamLabel): recall (0) if either breast is 0, else
 * benign (2) if either is 2, else negative (1). With the breasts taken as independent given the
 * images: P(0) = 1 - (1 - L0)(1 - R0), P(1) = L1 R1, P(2) = the rest, (1 - L0)(1 - R0) - L1 R1.
 */
public final class ExamRule {

    /** Below this a probability's log is taken at it: a class the breasts rule out entirely gets a finite logit. */
    private static final float FLOOR = 1e-12f;

    private ExamRule() {}

    /**
     * The exam's log-probabilities (B, 3) from the breasts' logits {@code left} and {@code right}
     * (B, 3 each): logits whose softmax is the rule's probabilities, so temperature scaling,
     * entropy and every reader of logits take them as they take the exam head's.
     */
    public static NDArray logProbabilities(NDArray left, NDArray right) {
        try (NDArray l = left.softmax(1); NDArray r = right.softmax(1);
                NDArray l0 = l.get(":, 0"); NDArray r0 = r.get(":, 0"); NDArray l1 = l.get(":, 1"); NDArray r1 = r.get(":, 1");
                NDArray noRecall = l0.neg().add(1).mul(r0.neg().add(1)); NDArray negative = l1.mul(r1);
                NDArray recall = noRecall.neg().add(1); NDArray benign = noRecall.sub(negative);
                NDArray stacked = NDArrays.stack(new NDList(recall, negative, benign), 1);
                NDArray floored = stacked.maximum(FLOOR)) {
            return floored.log();
        }
    }
}
