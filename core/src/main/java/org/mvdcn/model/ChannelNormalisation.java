package org.mvdcn.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Batch normalisation of one convolution's output channels (Ioffe and Szegedy 2015), a training
 * option that is not the paper's. In a training pass each channel is standardised with its batch's
 * mean and variance over (N, H, W), scaled by gamma and shifted by beta, and the running averages
 * of the batch moments are updated. Everywhere else it is folded into the convolution it follows,
 * w' = w g / s and b' = (b - m) g / s + beta per output channel with s = sqrt(v + eps) and the
 * running moments m, v: a convolution is linear in its weight and bias, so that is exactly the
 * normalisation with the running moments, and what a weights file holds keeps the reference's
 * layout (predict, the importer and every tool that reads weights stay as they are).
 *
 * <p>Why it exists: the positive control's isolating test (docs/studies/positive-control.md)
 * found that the paper's column without normalisation does not start learning a cluster of
 * specks a pixel across from view-level labels, and that with it the column does.
 */
final class ChannelNormalisation {

    /** PyTorch's default, so that a run can be compared with nn.BatchNorm2d. */
    static final float EPSILON = 1e-5f;

    /** Share of the running moments kept at each step: DJL's convention for PyTorch's momentum 0.1. */
    static final float KEEP = 0.9f;

    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVariance;

    /** The parameters of convolution {@code conv}'s normalisation, each handed to {@code add} (the block's addParameter). */
    ChannelNormalisation(ColumnLayout.Conv conv, UnaryOperator<Parameter> add) {
        Shape channels = new Shape(conv.outChannels());
        gamma = add.apply(parameter(conv.name() + "_bn_gamma", Parameter.Type.GAMMA, channels, Initializer.ONES, true));
        beta = add.apply(parameter(conv.name() + "_bn_beta", Parameter.Type.BETA, channels, Initializer.ZEROS, true));
        runningMean = add.apply(parameter(conv.name() + "_bn_mean", Parameter.Type.RUNNING_MEAN, channels, Initializer.ZEROS, false));
        runningVariance = add.apply(parameter(conv.name() + "_bn_var", Parameter.Type.RUNNING_VAR, channels, Initializer.ONES, false));
    }

    private static Parameter parameter(String name, Parameter.Type type, Shape shape, Initializer init, boolean learned) {
        return Parameter.builder().setName(name).setType(type).optShape(shape).optInitializer(init).optRequiresGrad(learned).build();
    }

    /** The parameters under PyTorch's BatchNorm2d names after {@code prefix} ("…bn."), learned ones first. */
    Map<String, Parameter> named(String prefix) {
        Map<String, Parameter> named = new LinkedHashMap<>();
        named.put(prefix + "weight", gamma);
        named.put(prefix + "bias", beta);
        named.put(prefix + "running_mean", runningMean);
        named.put(prefix + "running_var", runningVariance);
        return named;
    }

    /**
     * Convolution output {@code c} (N, C, H, W) normalised with its batch's moments, recorded for the
     * backward; updates the running moments in place. libtorch's batch_norm (DJL passes axis -1
     * straight to it, which normalises dimension 1; another axis would have DJL move {@code c} to a
     * manager of its own).
     */
    NDArray normalise(ParameterStore store, NDArray c) {
        Device device = c.getDevice();
        return BatchNorm.batchNorm(c, store.getValue(runningMean, device, true), store.getValue(runningVariance, device, true),
                store.getValue(gamma, device, true), store.getValue(beta, device, true), -1, KEEP, EPSILON, true)
                .singletonOrThrow();
    }

    /**
     * Weight {@code w} (O, I, kh, kw) and bias {@code b} (O) with the running moments folded in:
     * new arrays the caller closes. {@code value} gives a parameter's values (from a pass's store, or
     * the parameter's own array when a file is written).
     */
    NDList fold(NDArray w, NDArray b, Function<Parameter, NDArray> value) {
        try (NDArray variance = value.apply(runningVariance).add(EPSILON);
                NDArray deviation = variance.sqrt();
                NDArray scale = value.apply(gamma).div(deviation);
                NDArray perFilter = scale.reshape(-1, 1, 1, 1);
                NDArray centred = b.sub(value.apply(runningMean));
                NDArray scaled = centred.mul(scale)) {
            return new NDList(w.mul(perFilter), scaled.add(value.apply(beta)));
        }
    }
}
