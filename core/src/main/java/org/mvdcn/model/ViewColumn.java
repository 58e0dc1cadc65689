package org.mvdcn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * One view column (the paper's Fig. 2): a (B, 1, H, W) batch of images of one projection to
 * (B, C) features. One instance serves both breasts of its projection, which is the weight tying.
 *
 * <p>Each intermediate array is closed as soon as the next layer has consumed it, so a forward
 * holds at most two feature maps at a time (autograd keeps what it needs by itself). Where a
 * pooling layer follows a convolution, ReLU is applied after the pool: ReLU is monotone, so
 * relu(max(S)) = max(relu(S)), and the zero padding before pool3 commutes with it too
 * (relu(0) = 0); pooling first means ReLU touches 4 to 9 times fewer values.
 */
public final class ViewColumn extends AbstractBlock {

    /** Glorot (Xavier) uniform: U(-a, a) with a = sqrt(6 / (fan_in + fan_out)). */
    static final Initializer GLOROT_UNIFORM =
            new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3f);

    private final ColumnLayout layout;
    private final float dropoutRate;
    private final List<Parameter> weights = new ArrayList<>();
    private final List<Parameter> biases = new ArrayList<>();

    public ViewColumn(ColumnLayout layout, float dropoutRate) {
        this.layout = layout;
        this.dropoutRate = dropoutRate;
        for (ColumnLayout.Conv conv : layout.convs()) {
            weights.add(addParameter(Parameter.builder()
                    .setName(conv.name() + "_weight")
                    .setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(conv.outChannels(), conv.inChannels(), ColumnLayout.KERNEL, ColumnLayout.KERNEL))
                    .optInitializer(GLOROT_UNIFORM)
                    .build()));
            biases.add(addParameter(Parameter.builder()
                    .setName(conv.name() + "_bias")
                    .setType(Parameter.Type.BIAS)
                    .optShape(new Shape(conv.outChannels()))
                    .build()));
        }
    }

    public ColumnLayout layout() {
        return layout;
    }

    /** Weight of the convolution with the reference's index {@code i}. */
    public Parameter weight(int i) {
        return weights.get(i);
    }

    public Parameter bias(int i) {
        return biases.get(i);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray x = input;
        boolean reluPending = false;
        for (ColumnLayout.Step step : layout.steps()) {
            NDArray next;
            if (step instanceof ColumnLayout.Conv conv) {
                if (reluPending) {
                    x = replace(x, Activation.relu(x), input);
                }
                NDArray w = store.getValue(weights.get(conv.index()), x.getDevice(), training);
                NDArray b = store.getValue(biases.get(conv.index()), x.getDevice(), training);
                next = Conv2d.conv2d(x, w, b, new Shape(conv.stride(), conv.stride()), new Shape(0, 0), new Shape(1, 1), 1)
                        .singletonOrThrow();
                x = replace(x, next, input);
                reluPending = true;
            } else if (step instanceof ColumnLayout.PadRight) {
                x = replace(x, x.pad(new Shape(0, 1), 0), input);
            } else if (step instanceof ColumnLayout.MaxPool pool) {
                x = replace(x, StridedMaxPool.apply(x, pool.size()), input);
                if (reluPending) {
                    x = replace(x, Activation.relu(x), input);
                    reluPending = false;
                }
                if (training && dropoutRate > 0) {
                    x = replace(x, Dropout.dropout(x, dropoutRate, true).singletonOrThrow(), input);
                }
            }
        }
        if (reluPending) {
            x = replace(x, Activation.relu(x), input);
        }
        NDArray features = Pool.globalAvgPool2d(x);
        if (x != input) {
            x.close();
        }
        return new NDList(features);
    }

    /** Returns {@code next}, closing {@code previous} unless it is the caller's input. */
    private static NDArray replace(NDArray previous, NDArray next, NDArray input) {
        if (previous != input) {
            previous.close();
        }
        return next;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), layout.featureChannels())};
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children: the convolutions are functional calls on this block's own parameters
    }
}
