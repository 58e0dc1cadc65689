package org.mvdcn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mvdcn.model.ColumnLayout;
import org.mvdcn.model.LayerProbe;
import org.mvdcn.model.MultiViewNetwork;

/**
 * LSUV (Mishkin and Matas 2016, "All you need is a good init"): layer after layer, from the
 * input up, the weights are divided by the standard deviation of the layer's output on a real
 * batch until that output has unit variance. Written here because DJL has no data-dependent
 * initialiser. Each column's layers are scaled on its own views (CC on the two CC views), fc1 on
 * the concatenated features; fc2 is left as drawn. With zero biases a layer's output scales
 * exactly with its weights, so one pass per layer usually lands within the tolerance; the loop
 * is the paper's safeguard.
 */
final class LayerSequentialUnitVariance {

    static final double TOLERANCE = 0.1;
    static final int MAX_PASSES = 10;

    private LayerSequentialUnitVariance() {}

    /** Scales the network's layers on {@code inputs}; returns each layer's output variance afterwards, in order. */
    static Map<String, Double> apply(MultiViewNetwork network, ParameterStore store, NDList inputs) {
        Map<String, Parameter> params = network.referenceParameters();
        Map<String, String> layers = new LinkedHashMap<>(); // probe name -> weight name, input side first
        for (ColumnLayout.Conv conv : network.config().columnLayout().convs()) {
            for (String column : new String[] {"cc", "mlo"}) {
                layers.put(column + "." + conv.name(), "_conv_layer_ls." + conv.index() + "." + column + ".weight");
            }
        }
        layers.put("fc1", "fc1.weight");
        Map<String, Double> reached = new LinkedHashMap<>();
        for (Map.Entry<String, String> layer : layers.entrySet()) {
            NDArray weight = params.get(layer.getValue()).getArray();
            double variance = Double.NaN;
            for (int pass = 0; pass < MAX_PASSES; pass++) {
                variance = variances(network, store, inputs).get(layer.getKey());
                if (Math.abs(variance - 1) < TOLERANCE || !(variance > 0)) {
                    break;
                }
                weight.muli((float) (1 / Math.sqrt(variance)));
            }
            reached.put(layer.getKey(), variance);
        }
        return reached;
    }

    /** Every layer's pre-activation variance in one forward pass (no dropout, no noise, nothing recorded). */
    static Map<String, Double> variances(MultiViewNetwork network, ParameterStore store, NDList inputs) {
        Map<String, Double> variances = new LinkedHashMap<>();
        LayerProbe probe = new LayerProbe() {
            @Override
            public void preActivation(String layer, NDArray output) {
                variances.put(layer, LayerStats.variance(output));
            }
        };
        network.forwardWithFeatures(store, inputs, false, probe).close();
        return variances;
    }
}
