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
 * per projection, the head on the concatenated features (of all four views, or of each breast's
 * two: {@link OutputHead}); returns the exam's (B, 3) logits as trained (a model's temperature is
 * applied to them by whoever reads probabilities: {@code Prediction.of}, {@code TemperatureScaling}).
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
        head = addChildBlock("head", new MultiViewHead(config.head().viewsPerInput() * layout.featureChannels(), config.dropoutRate()));
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
     * {@code _conv_layer_ls.{i}.cc|mlo.weight|bias}, then {@code fc1}, {@code fc2} (with a breast
     * head {@code breast_fc1}, {@code breast_fc2}).
     */
    public Map<String, Parameter> referenceParameters() {
        Map<String, Parameter> named = new LinkedHashMap<>();
        for (ColumnLayout.Conv conv : config.columnLayout().convs()) {
            named.putAll(convolutionParameters(conv.index()));
        }
        OutputHead kind = config.head();
        named.put(kind.parameter("fc1") + ".weight", head.fc1Weight());
        named.put(kind.parameter("fc1") + ".bias", head.fc1Bias());
        named.put(kind.parameter("fc2") + ".weight", head.fc2Weight());
        named.put(kind.parameter("fc2") + ".bias", head.fc2Bias());
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
            if (!e.getKey().startsWith("_conv_layer_ls.")) {
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
        NDList all = forwardWithFeatures(store, inputs, training, LayerProbe.in(params));
        all.subNDList(1).close();
        return new NDList(all.get(0));
    }

    /**
     * The exam's logits (B, 3) and, from the same pass, the four views' concatenated features (B, 4 x
     * the last layer's channels): what the out-of-distribution check measures. With a breast head,
     * third, the breasts' logits (2B, 3): the left breasts' rows, then the right's.
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
            return new TrainingPass(collector, stems, forwardWithFeatures(store, inputs, true, probe, stems), config.head());
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
        if (probe != null) {
            probe.activation("features", joined);
        }
        PairList<String, Object> headParams = probe == null ? null : LayerProbe.parameters(probe);
        NDList out;
        if (config.head() == OutputHead.EXAM) {
            features.close();
            out = new NDList(head.forward(store, new NDList(joined), training, headParams).singletonOrThrow(), joined);
        } else {
            // both breasts through the one head as a batch of 2B: rows 0..B-1 the left breasts, B..2B-1 the right
            NDArray breasts = NDArrays.concat(new NDList(breast(features, View.Laterality.LEFT), breast(features, View.Laterality.RIGHT)), 0);
            features.close();
            NDArray breastLogits = head.forward(store, new NDList(breasts), training, headParams).singletonOrThrow();
            breasts.close();
            NDList halves = breastLogits.split(2, 0);
            NDArray examLogits = ExamRule.logProbabilities(halves.get(0), halves.get(1));
            halves.close();
            out = new NDList(examLogits, joined, breastLogits);
        }
        if (probe != null) {
            probe.activation("logits", out.get(0));
        }
        return out;
    }

    /** One breast's CC and MLO features side by side, (B, 2C), from the four views' {@code features} in {@link View} order. */
    private static NDArray breast(NDList features, View.Laterality side) {
        NDList two = new NDList(2);
        for (View view : View.values()) {
            if (view.laterality() == side) {
                two.add(features.get(view.ordinal()));
            }
        }
        return NDArrays.concat(two, 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), MultiViewHead.CLASSES)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        cc.initialize(manager, dataType, inputShapes[0]);
        mlo.initialize(manager, dataType, inputShapes[0]);
        Shape features = new Shape(inputShapes[0].get(0), config.head().viewsPerInput() * config.columnLayout().featureChannels());
        head.initialize(manager, dataType, features);
    }
}
