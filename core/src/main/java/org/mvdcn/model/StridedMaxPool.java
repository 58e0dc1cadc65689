package org.mvdcn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Non-overlapping k x k max-pooling (kernel = stride = k, floor mode) as elementwise maxima of
 * strided views: first the k row phases, then the k column phases.
 *
 * <p>Why not libtorch's own max_pool2d: on NCHW CPU tensors libtorch 2.7 runs
 * {@code max_pool2d_with_indices} (it computes an index per output even without autograd), which
 * measured 78 ms for pool1 of one full-resolution view against 25 ms for this form on 2 cores;
 * pool1 alone was a third of the forward pass. The result is identical (a max is a max), and
 * autograd flows through {@code maximum} as through pooling.
 */
final class StridedMaxPool {

    private StridedMaxPool() {}

    static NDArray apply(NDArray x, int k) {
        Shape s = x.getShape();
        long h = s.get(2) / k;
        long w = s.get(3) / k;
        NDArray rows = maxOverPhases(x, k, phase -> ":, :, " + phase + ":" + h * k + ":" + k + ", :" + w * k);
        NDArray out = maxOverPhases(rows, k, phase -> ":, :, :, " + phase + ":" + w * k + ":" + k);
        rows.close();
        return out;
    }

    private static NDArray maxOverPhases(NDArray x, int k, java.util.function.IntFunction<String> index) {
        NDArray acc = x.get(new NDIndex(index.apply(0)));
        for (int phase = 1; phase < k; phase++) {
            try (NDArray view = x.get(new NDIndex(index.apply(phase)))) {
                NDArray next = acc.maximum(view);
                acc.close();
                acc = next;
            }
        }
        return acc;
    }
}
