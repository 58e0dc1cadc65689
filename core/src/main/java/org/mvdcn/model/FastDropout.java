package org.mvdcn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Inverted dropout: each value kept with probability 1 - rate and scaled by 1 / (1 - rate), else
 * zeroed; the gradient flows through the same mask. libtorch's own dropout draws its mask with
 * {@code bernoulli_}, one value at a time on one thread (200 ms for pool1's output of a batch of 4
 * full-resolution views, bench/RESULTS.md, issue 14); the mask here is drawn on every core
 * ({@link ParallelDraws}). A 4-D map's mask is drawn in channels-last order, the layout of the
 * column's maps, so the product runs over matching strides.
 */
final class FastDropout {

    private FastDropout() {}

    static NDArray apply(NDArray x, float rate) {
        Shape s = x.getShape();
        boolean map = s.dimension() == 4;
        Shape drawn = map ? new Shape(s.get(0), s.get(2), s.get(3), s.get(1)) : s;
        try (NDArray scale = ParallelDraws.keepScale(x.getManager(), drawn, 1 - rate, x.getDevice());
                NDArray logical = map ? scale.transpose(0, 3, 1, 2) : null) {
            return x.mul(map ? logical : scale);
        }
    }
}
