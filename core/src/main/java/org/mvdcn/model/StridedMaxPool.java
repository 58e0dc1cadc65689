package org.mvdcn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Non-overlapping k x k max-pooling (kernel = stride = k, floor mode) as elementwise maxima of
 * strided views: first across the k column phases, then across the k row phases.
 *
 * <p>Why not libtorch's own max_pool2d: on NCHW CPU tensors libtorch 2.7 runs
 * {@code max_pool2d_with_indices} (it computes an index per output even without autograd), which
 * measured 78 ms for pool1 of one full-resolution view against 25 ms for this form on 2 cores;
 * pool1 alone was a third of the forward pass. The values are identical (a max is a max).
 *
 * <p>Gradients: {@code maximum} splits the gradient between equal inputs, while max_pool2d gives
 * all of it to the first maximum in row-major order. Mammograms have large exactly-constant
 * backgrounds, so ties are common and the two differ visibly in a saliency map. When autograd is
 * recording, phases are therefore combined with "take the later phase only if strictly greater",
 * columns before rows, which selects exactly max_pool2d's element (first row holding the
 * maximum, first column within it) at the cost of one more pass.
 */
final class StridedMaxPool {

    private StridedMaxPool() {}

    static NDArray apply(NDArray x, int k) {
        Shape s = x.getShape();
        long h = s.get(2) / k;
        long w = s.get(3) / k;
        // NDArray.hasGradient() is false for intermediate arrays, so ask libtorch whether autograd records
        boolean firstMaximum = JniUtils.isGradMode();
        NDArray columns = combinePhases(x, k, phase -> ":, :, :" + h * k + ", " + phase + ":" + w * k + ":" + k, firstMaximum);
        NDArray out = combinePhases(columns, k, phase -> ":, :, " + phase + ":" + h * k + ":" + k + ", :", firstMaximum);
        columns.close();
        return out;
    }

    private static NDArray combinePhases(NDArray x, int k, java.util.function.IntFunction<String> index, boolean firstMaximum) {
        NDArray acc = x.get(new NDIndex(index.apply(0)));
        for (int phase = 1; phase < k; phase++) {
            try (NDArray view = x.get(new NDIndex(index.apply(phase)))) {
                NDArray next;
                if (firstMaximum) {
                    try (NDArray later = view.gt(acc)) {
                        next = NDArrays.where(later, view, acc);
                    }
                } else {
                    next = acc.maximum(view);
                }
                acc.close();
                acc = next;
            }
        }
        return acc;
    }
}
