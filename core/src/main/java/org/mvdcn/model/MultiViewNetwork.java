package org.mvdcn.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mvdcn.exam.View;

/**
 * The multi-view network: four (B, 1, H, W) inputs in {@link View} order, one weight-tied column
 * per projection, the head on the concatenated features; returns (B, 3) logits as trained (a
 * model's temperature is applied to them by whoever reads probabilities: {@code Prediction.of},
 * {@code TemperatureScaling}).
 *
 * <p>Views run one after another rather than stacked into one batch: the largest feature map
 * (conv1's) then exists for one view at a time, which keeps peak memory at a quarter.
 */
public final class MultiViewNetwork extends AbstractBlock {

    private final NetworkConfig config;
    private final ViewColumn cc;
    private final ViewColumn mlo;
    private final MultiViewHead head;

    public MultiViewNetwork(NetworkConfig config) {
        this.config = config;
        ColumnLayout layout = config.columnLayout();
        cc = addChildBlock("cc", new ViewColumn(layout, config.dropoutRate(), config.batchNorm()));
        mlo = addChildBlock("mlo", new ViewColumn(layout, config.dropoutRate(), config.batchNorm()));
        head = addChildBlock("head", new MultiViewHead(View.values().length * layout.featureChannels(), config.dropoutRate()));
    }

    public NetworkConfig config() {
        return config;
    }

    /** Creates the parameters (Glorot weights, zero biases) on {@code manager}. */
    public void initialize(NDManager manager) {
        Shape view = new Shape(1, 1, config.inputHeight(), config.inputWidth());
        initialize(manager, DataType.FLOAT32, view, view, view, view);
    }

    /**
     * Every parameter under the reference's state-dict name, in the reference's order:
     * {@code _conv_layer_ls.{i}.cc|mlo.weight|bias}, then {@code fc1}, {@code fc2}.
     */
    public Map<String, Parameter> referenceParameters() {
        Map<String, Parameter> named = new LinkedHashMap<>();
        for (ColumnLayout.Conv conv : config.columnLayout().convs()) {
            named.putAll(convolutionParameters(conv.index()));
        }
        named.put("fc1.weight", head.fc1Weight());
        named.put("fc1.bias", head.fc1Bias());
        named.put("fc2.weight", head.fc2Weight());
        named.put("fc2.bias", head.fc2Bias());
        return named;
    }

    /**
     * The batch normalisation's parameters (unfolded), under PyTorch's BatchNorm2d names beside their
     * convolution's ({@code _conv_layer_ls.{i}.cc.bn.weight|bias|running_mean|running_var}); empty
     * without batch normalisation. A checkpoint holds them; a weights file has them folded in.
     */
    public Map<String, Parameter> normalisationParameters() {
        Map<String, Parameter> named = new LinkedHashMap<>();
        for (ColumnLayout.Conv conv : config.columnLayout().convs()) {
            if (cc.normalisation(conv.index()) != null) {
                named.putAll(cc.normalisation(conv.index()).named(normalisationPrefix(conv.index(), "cc")));
                named.putAll(mlo.normalisation(conv.index()).named(normalisationPrefix(conv.index(), "mlo")));
            }
        }
        return named;
    }

    /** What a checkpoint holds: {@link #referenceParameters} and {@link #normalisationParameters}. */
    public Map<String, Parameter> checkpointParameters() {
        Map<String, Parameter> named = referenceParameters();
        named.putAll(normalisationParameters());
        return named;
    }

    /** Every parameter a gradient step changes: {@link #referenceParameters} and the normalisation's gammas and betas. */
    public Map<String, Parameter> learnedParameters() {
        Map<String, Parameter> named = referenceParameters();
        normalisationParameters().forEach((name, p) -> {
            if (p.requiresGradient()) {
                named.put(name, p);
            }
        });
        return named;
    }

    private static String normalisationPrefix(int conv, String column) {
        return "_conv_layer_ls." + conv + "." + column + ".bn.";
    }

    /**
     * The reference's tensors as a weights file holds them, under {@link #referenceParameters}'s
     * names and order: copies of the parameters, with each convolution's batch normalisation
     * folded in. The caller closes them.
     */
    public NDList referenceTensors() {
        NDList tensors = new NDList();
        for (ColumnLayout.Conv conv : config.columnLayout().convs()) {
            // convolutionParameters' names come cc weight, cc bias, mlo weight, mlo bias: the order of the two columns' tensors
            NDList folded = cc.convolutionTensors(conv.index());
            folded.addAll(mlo.convolutionTensors(conv.index()));
            int i = 0;
            for (String name : convolutionParameters(conv.index()).keySet()) {
                folded.get(i++).setName(name);
            }
            tensors.addAll(folded);
        }
        for (Map.Entry<String, Parameter> e : referenceParameters().entrySet()) {
            if (e.getKey().startsWith("fc")) {
                NDArray copy = e.getValue().getArray().duplicate();
                copy.setName(e.getKey());
                tensors.add(copy);
            }
        }
        return tensors;
    }

    /** Both columns' weight and bias of the convolution with the reference's index {@code i}, under the reference's names. */
    public Map<String, Parameter> convolutionParameters(int i) {
        Map<String, Parameter> named = new LinkedHashMap<>();
        named.put("_conv_layer_ls." + i + ".cc.weight", cc.weight(i));
        named.put("_conv_layer_ls." + i + ".cc.bias", cc.bias(i));
        named.put("_conv_layer_ls." + i + ".mlo.weight", mlo.weight(i));
        named.put("_conv_layer_ls." + i + ".mlo.bias", mlo.bias(i));
        return named;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList both = forwardWithFeatures(store, inputs, training, LayerProbe.in(params));
        NDArray logits = both.get(0);
        both.get(1).close();
        return new NDList(logits);
    }

    /**
     * The logits (B, 3) and, from the same pass, the four views' concatenated features (B, 4 x
     * the last layer's channels) that the head reads: what the out-of-distribution check measures.
     */
    public NDList forwardWithFeatures(ParameterStore store, NDList inputs, boolean training) {
        return forwardWithFeatures(store, inputs, training, null);
    }

    /** {@link #forwardWithFeatures(ParameterStore, NDList, boolean)} shown to {@code probe} (may be null). */
    public NDList forwardWithFeatures(ParameterStore store, NDList inputs, boolean training, LayerProbe probe) {
        return forwardWithFeatures(store, inputs, training, probe, null);
    }

    /**
     * A training forward (noise, dropout) recorded for its backward, shown to {@code probe} (may
     * be null); the pass records until it is closed.
     */
    public TrainingPass trainingPass(ParameterStore store, NDList inputs, LayerProbe probe) {
        return trainingPass(store, inputs, probe, TrainingLayout.current());
    }

    /** As above, running the columns after their first block in {@code layout}. */
    TrainingPass trainingPass(ParameterStore store, NDList inputs, LayerProbe probe, TrainingLayout layout) {
        GradientCollector collector = Engine.getInstance().newGradientCollector();
        StemCheckpoints stems = new StemCheckpoints(layout);
        try {
            return new TrainingPass(collector, stems, forwardWithFeatures(store, inputs, true, probe, stems));
        } catch (RuntimeException | Error e) {
            stems.close();
            collector.close();
            throw e;
        }
    }

    private NDList forwardWithFeatures(ParameterStore store, NDList inputs, boolean training, LayerProbe probe, StemCheckpoints stems) {
        if (inputs.size() != View.values().length) {
            throw new IllegalArgumentException("the network takes 4 views, got " + inputs.size());
        }
        NDList features = new NDList(View.values().length);
        for (View view : View.values()) {
            NDArray image = inputs.get(view.ordinal());
            NDArray noisy = training && config.noiseStd() > 0
                    ? ParallelDraws.addGaussian(image, config.noiseStd())
                    : image;
            ViewColumn column = view.projection() == View.Projection.CC ? cc : mlo;
            String name = view.projection() == View.Projection.CC ? "cc" : "mlo";
            LayerProbe viewProbe = probe == null ? null : probe.forView(view);
            if (viewProbe != null) {
                viewProbe.input(image);
            }
            PairList<String, Object> params = viewProbe == null ? new PairList<>() : LayerProbe.parameters(viewProbe.within(name));
            if (stems != null) {
                stems.addTo(params);
            }
            features.add(column.forward(store, new NDList(noisy), training, params).singletonOrThrow());
            if (noisy != image) {
                if (stems != null) {
                    stems.own(noisy); // the checkpointed first block runs again on it in the backward
                } else {
                    noisy.close();
                }
            }
        }
        NDArray joined = NDArrays.concat(features, 1);
        features.close();
        if (probe != null) {
            probe.activation("features", joined);
        }
        NDArray logits = head.forward(store, new NDList(joined), training, probe == null ? null : LayerProbe.parameters(probe))
                .singletonOrThrow();
        if (probe != null) {
            probe.activation("logits", logits);
        }
        return new NDList(logits, joined);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), MultiViewHead.CLASSES)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        cc.initialize(manager, dataType, inputShapes[0]);
        mlo.initialize(manager, dataType, inputShapes[0]);
        Shape features = new Shape(inputShapes[0].get(0), View.values().length * config.columnLayout().featureChannels());
        head.initialize(manager, dataType, features);
    }
}
