package org.mvdcn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Inverted dropout: each value kept with probability 1 - rate and scaled by 1 / (1 - rate), else
 * zeroed; the gradient flows through the same mask. libtorch's own dropout draws its mask with
 * {@code bernoulli_}, whose CPU kernel here draws one value at a time on one thread: 200 ms for
 * pool1's output of a batch of 4 full-resolution views (10.8 ns a value), against 66 ms for a
 * uniform draw of the same size; a uniform draw compared with 1 - rate is the same Bernoulli mask.
 * In a training step that is 0.35 s of 6 (bench/RESULTS.md, issue 14). A 4-D map's mask is drawn
 * in channels-last order, the layout of the column's maps, so the product runs over matching
 * strides.
 */
final class FastDropout {

    private FastDropout() {}

    static NDArray apply(NDArray x, float rate) {
        float keep = 1 - rate;
        Shape s = x.getShape();
        boolean map = s.dimension() == 4;
        Shape drawn = map ? new Shape(s.get(0), s.get(2), s.get(3), s.get(1)) : s;
        try (NDArray u = x.getManager().randomUniform(0f, 1f, drawn, DataType.FLOAT32, x.getDevice());
                NDArray logical = map ? u.transpose(0, 3, 1, 2) : null;
                NDArray kept = (map ? logical : u).lt(keep);
                NDArray scale = kept.toType(DataType.FLOAT32, false).muli(1 / keep)) {
            return x.mul(scale);
        }
    }
}
