package org.mvdcn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.util.PairList;
import org.mvdcn.exam.View;

/**
 * Sees the maps a forward pass makes, layer by layer: what the training diagnostics and LSUV
 * initialisation measure. It travels in the forward's parameters rather than living on the
 * network, so a pass without one runs exactly as before and several passes never share one by
 * accident. Layer names are the column's ({@code cc.conv2a}, {@code mlo.conv4b}) and the head's
 * ({@code features}: the concatenated view features fc1 reads, {@code logits}).
 */
public interface LayerProbe {

    /** A convolution's output (before pooling and ReLU) or fc1's (before ReLU): what LSUV scales to unit variance. */
    default void preActivation(String layer, NDArray output) {}

    /** What the next layer reads (after pooling and ReLU, before dropout). */
    default void activation(String layer, NDArray output) {}

    /** A view's standardised input image, before the column reads it (without the training noise). */
    default void input(NDArray image) {}

    /**
     * Whether this probe needs each convolution's maps whole. A probe that only adds up per-channel
     * sums can take a large block's maps band by band (false), so measuring costs no memory
     * beyond the plain forward's.
     */
    default boolean wholeMaps() {
        return true;
    }

    /** This probe for the layers of one view's column (the network runs a column once per view). */
    default LayerProbe forView(View view) {
        return this;
    }

    /** This probe seeing layer names under {@code prefix} (one column's). */
    default LayerProbe within(String prefix) {
        LayerProbe outer = this;
        return new LayerProbe() {
            @Override
            public void preActivation(String layer, NDArray output) {
                outer.preActivation(prefix + "." + layer, output);
            }

            @Override
            public void activation(String layer, NDArray output) {
                outer.activation(prefix + "." + layer, output);
            }

            @Override
            public void input(NDArray image) {
                outer.input(image);
            }

            @Override
            public boolean wholeMaps() {
                return outer.wholeMaps();
            }
        };
    }

    /** The forward parameters that carry {@code probe}. */
    static PairList<String, Object> parameters(LayerProbe probe) {
        PairList<String, Object> params = new PairList<>();
        params.add(LayerProbe.class.getName(), probe);
        return params;
    }

    /** The probe {@code params} carry, or null. */
    static LayerProbe in(PairList<String, Object> params) {
        return params == null ? null : (LayerProbe) params.get(LayerProbe.class.getName());
    }
}
