package org.mvdcn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import org.mvdcn.EnumLabels;

/**
 * How a fresh network's weights are drawn (biases start at zero in every case). The layout of
 * the weights does not change, only their first values.
 * <ul>
 * <li>{@code glorot}: Glorot uniform, the paper's. With ReLU after every layer it halves the
 *     signal's variance per layer (var(w) = 2 / (fan_in + fan_out), and fan_in = fan_out for 3x3
 *     convolutions between equal channel counts), so a deep column's features start nearly equal
 *     for every exam (docs/training.md).
 * <li>{@code he}: He normal (std sqrt(2 / fan_in)) for every layer a ReLU follows (the
 *     convolutions, fc1), which keeps the variance through ReLU layers; fc2, the output layer,
 *     keeps Glorot.
 * <li>{@code lsuv}: He, then each layer in order scaled until its output has unit variance on a
 *     real training batch (Mishkin and Matas 2016, with He instead of orthonormal as the start):
 *     data-dependent, so it is done by the training run that has the batch.
 * <li>{@code centred}: He, then each convolution in order set, unit by unit (each output channel),
 *     to zero mean and unit variance on a real training batch, by its bias and its weights, and fc1
 *     scaled as {@code lsuv} does (Krähenbühl et al. 2016, "Data-dependent initializations of
 *     convolutional neural networks", ICLR, the within-layer step). Each ReLU then starts by passing
 *     only a unit's above-average responses, so a rare local pattern (a calcification's speck) is
 *     not buried under the response to the breast's brightness that every unit shares. In the
 *     positive control's isolating test (one column, 160x160 patches, clean labels) Glorot and
 *     {@code lsuv} stayed at chance and {@code centred} learned the specks (AUC 0.66 and 0.93 by
 *     seed); in larger fields, even with four times the views, it did not, where batch normalisation
 *     did (docs/studies/positive-control.md).
 * </ul>
 */
public enum WeightInit {
    GLOROT, HE, LSUV, CENTRED;

    private static final NDIndex ALL = new NDIndex("...");

    @JsonValue
    public String label() {
        return EnumLabels.of(this);
    }

    /** Whether a training batch finishes the weights (done by the run that has one). */
    public boolean dataDependent() {
        return this == LSUV || this == CENTRED;
    }

    @JsonCreator
    public static WeightInit parse(String text) {
        return EnumLabels.parse(WeightInit.class, text, "initialisation");
    }

    /**
     * Draws the weights of a network whose parameters exist (Glorot after {@code initialize}) anew
     * from libtorch's generator, so the engine's seed decides them; the data-dependent scaling of
     * {@code lsuv} and {@code centred} comes after this.
     */
    public void apply(MultiViewNetwork network) {
        if (this == GLOROT) {
            return;
        }
        for (Map.Entry<String, Parameter> e : network.referenceParameters().entrySet()) {
            String name = e.getKey();
            if (name.endsWith(".weight") && !name.startsWith(network.config().head().parameter("fc2") + ".")) {
                NDArray w = e.getValue().getArray();
                Shape s = w.getShape();
                long fanIn = s.size() / s.get(0);
                try (NDArray drawn = w.getManager().randomNormal(0, (float) Math.sqrt(2.0 / fanIn), s, DataType.FLOAT32,
                        w.getDevice())) {
                    w.set(ALL, drawn);
                }
            }
        }
    }
}
