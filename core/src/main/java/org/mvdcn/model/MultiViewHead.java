package org.mvdcn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The multi-view head of the released model: concatenated view features (B, 4C) -> fc1 (4C) ->
 * ReLU -> dropout -> fc2 (3). Returns logits; softmax belongs to whoever reads probabilities
 * (and to the loss), not to the network.
 */
public final class MultiViewHead extends AbstractBlock {

    public static final int CLASSES = 3;

    private final float dropoutRate;
    private final Parameter fc1Weight;
    private final Parameter fc1Bias;
    private final Parameter fc2Weight;
    private final Parameter fc2Bias;

    public MultiViewHead(int features, float dropoutRate) {
        this.dropoutRate = dropoutRate;
        fc1Weight = addParameter(linearWeight("fc1_weight", features, features));
        fc1Bias = addParameter(linearBias("fc1_bias", features));
        fc2Weight = addParameter(linearWeight("fc2_weight", CLASSES, features));
        fc2Bias = addParameter(linearBias("fc2_bias", CLASSES));
    }

    private static Parameter linearWeight(String name, int out, int in) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in)).optInitializer(ViewColumn.GLOROT_UNIFORM).build();
    }

    private static Parameter linearBias(String name, int out) {
        return Parameter.builder().setName(name).setType(Parameter.Type.BIAS).optShape(new Shape(out)).build();
    }

    public Parameter fc1Weight() {
        return fc1Weight;
    }

    public Parameter fc1Bias() {
        return fc1Bias;
    }

    public Parameter fc2Weight() {
        return fc2Weight;
    }

    public Parameter fc2Bias() {
        return fc2Bias;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        var device = x.getDevice();
        NDArray hidden = Linear.linear(x, store.getValue(fc1Weight, device, training), store.getValue(fc1Bias, device, training))
                .singletonOrThrow();
        NDArray activated = Activation.relu(hidden);
        LayerProbe probe = LayerProbe.in(params);
        if (probe != null) {
            probe.preActivation("fc1", hidden);
            probe.activation("fc1", activated);
        }
        hidden.close();
        if (training && dropoutRate > 0) {
            NDArray dropped = FastDropout.apply(activated, dropoutRate);
            activated.close();
            activated = dropped;
        }
        NDArray logits = Linear.linear(activated, store.getValue(fc2Weight, device, training), store.getValue(fc2Bias, device, training))
                .singletonOrThrow();
        activated.close();
        return new NDList(logits);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), CLASSES)};
    }
}
