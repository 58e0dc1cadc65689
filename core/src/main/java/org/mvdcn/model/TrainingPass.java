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

    TrainingPass(GradientCollector collector, StemCheckpoints stems, NDList output) {
        this.collector = collector;
        this.stems = stems;
        this.output = output;
    }

    /** The batch's logits, (B, 3). */
    public NDArray logits() {
        return output.get(0);
    }

    /** Gradients of the scalar {@code loss} (computed from {@link #logits}) into every parameter. */
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
