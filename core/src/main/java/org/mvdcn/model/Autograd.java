package org.mvdcn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * libtorch's autograd switches that DJL's engine-neutral API lacks: whether it records, a stretch
 * of work inside a GradientCollector that it does not record, and a backward from an array other
 * than a scalar loss, given that array's gradient. mvdcn runs on the PyTorch engine only.
 */
final class Autograd {

    private Autograd() {}

    /**
     * Whether libtorch is recording operations for a backward pass (inside a GradientCollector).
     * Asked of libtorch directly: DJL's {@code NDArray.hasGradient()} is false for intermediate
     * arrays even while recording.
     */
    static boolean isRecording() {
        return JniUtils.isGradMode();
    }

    /** {@code work}'s result, computed with recording off; recording is restored as it was. */
    static <T> T withoutRecording(Supplier<T> work) {
        boolean recording = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return work.get();
        } finally {
            JniUtils.setGradMode(recording);
        }
    }

    /**
     * Backward from {@code output}, whose gradient is {@code gradient}: what a scalar loss's
     * backward does with a gradient of 1. Parameters' gradients accumulate; the graph is freed.
     */
    static void backward(NDArray output, NDArray gradient) {
        JniUtils.backward((PtNDArray) output, (PtNDArray) gradient, false, false);
    }
}
