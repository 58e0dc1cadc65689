package org.mvdcn.model;

import ai.djl.pytorch.jni.JniUtils;

/** Whether libtorch is recording operations for a backward pass (inside a GradientCollector). */
final class Autograd {

    private Autograd() {}

    /**
     * Asks libtorch directly: DJL's {@code NDArray.hasGradient()} is false for intermediate arrays
     * even while recording, and DJL has no engine-neutral query. mvdcn runs on the PyTorch engine only.
     */
    static boolean isRecording() {
        return JniUtils.isGradMode();
    }
}
