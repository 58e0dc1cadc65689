package org.mvdcn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import java.util.Collection;

/** Global-norm gradient clipping (as torch.nn.utils.clip_grad_norm_): all gradients scaled by one factor. */
final class GradientClipping {

    private GradientClipping() {}

    /** The global L2 norm of the parameters' gradients, read back once (one device sync, not one per parameter). */
    static double norm(Collection<Parameter> parameters) {
        try (NDList sums = new NDList(parameters.size())) {
            for (Parameter p : parameters) {
                try (NDArray grad = p.getArray().getGradient(); NDArray sq = grad.square()) {
                    sums.add(sq.sum());
                }
            }
            try (NDArray all = NDArrays.stack(sums); NDArray total = all.sum()) {
                return Math.sqrt(total.getFloat());
            }
        }
    }

    /**
     * Scales the gradients down so their global norm is at most {@code max} (a no-op below it);
     * returns the norm before. The direction of the step is unchanged, only its size.
     */
    static double clip(Collection<Parameter> parameters, double max) {
        double norm = norm(parameters);
        if (norm > max) {
            float factor = (float) (max / (norm + 1e-6));
            for (Parameter p : parameters) {
                try (NDArray grad = p.getArray().getGradient()) {
                    grad.muli(factor);
                }
            }
        }
        return norm;
    }
}
