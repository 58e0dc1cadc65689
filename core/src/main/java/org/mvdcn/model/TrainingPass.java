package org.mvdcn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;

/**
 * One recorded training forward of a {@link MultiViewNetwork} (noise, dropout) and its backward:
 * {@link #backward} leaves every parameter's gradient of the loss, with the first block of each
 * column checkpointed ({@link StemCheckpoints}). Autograd records from creation to close, so one
 * pass exists at a time.
 */
public final class TrainingPass implements AutoCloseable {

    private final GradientCollector collector;
    private final StemCheckpoints stems;
    private final NDList output;
    private final OutputHead head;

    TrainingPass(GradientCollector collector, StemCheckpoints stems, NDList output, OutputHead head) {
        this.collector = collector;
        this.stems = stems;
        this.output = output;
        this.head = head;
    }

    /** What the forward returned: the exam logits, the views' features, and with a breast head the breasts' logits. */
    NDList output() {
        return output;
    }

    /** The batch's exam logits, (B, 3). */
    public NDArray logits() {
        return output.get(0);
    }

    /**
     * The loss the head is trained on: the mean over the batch of the cross-entropy against
     * {@code labels}, int64 BI-RADS: the exams' (B) for the exam head; for the breast head the
     * breasts' (B, 2), left then right, each exam's two breasts' cross-entropies summed.
     */
    public NDArray crossEntropy(NDArray labels) {
        if (head == OutputHead.EXAM) {
            return crossEntropy(logits(), labels);
        }
        // the breasts' logits are the left breasts' rows, then the right's: the labels' columns one after the other
        try (NDArray byBreast = labels.transpose().reshape(-1); NDArray perBreast = crossEntropy(output.get(2), byBreast)) {
            return perBreast.mul(2);
        }
    }

    private static NDArray crossEntropy(NDArray logits, NDArray labels) {
        try (NDArray oneHot = labels.oneHot(3); NDArray logP = logits.logSoftmax(1); NDArray picked = logP.mul(oneHot);
                NDArray perRow = picked.sum(new int[] {1})) {
            return perRow.neg().mean();
        }
    }

    /** Gradients of the scalar {@code loss} (computed from this pass's outputs) into every parameter. */
    public void backward(NDArray loss) {
        collector.backward(loss);
        stems.backward();
    }

    @Override
    public void close() {
        try {
            output.close();
            stems.close();
        } finally {
            collector.close();
        }
    }
}
