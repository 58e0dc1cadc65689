package org.mvdcn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One view column (the paper's Fig. 2): a (B, 1, H, W) batch of images of one projection to
 * (B, C) features. One instance serves both breasts of its projection, which is the weight tying.
 *
 * <p>Each intermediate array is closed as soon as the next layer has consumed it, so a forward
 * holds at most two feature maps at a time (autograd keeps what it needs by itself). Where a
 * pooling layer follows a convolution, ReLU is applied after the pool: ReLU is monotone, so
 * relu(max(S)) = max(relu(S)), and the zero padding before pool3 commutes with it too
 * (relu(0) = 0); pooling first means ReLU touches 4 to 9 times fewer values.
 *
 * <p>Feature maps are channels-last (NHWC strides, logical NCHW shape): the convolutions get
 * their weights in that layout (see {@link #channelsLast}), so oneDNN runs its NHWC kernels and
 * writes NHWC outputs, and pooling, ReLU, padding and the next convolution keep the layout instead
 * of reordering at every layer. Measured (bench/RESULTS.md, issue 14), together with libtorch's
 * pooling (see {@link #maxPool}): forward 0.500 -> 0.415 s min, 0.547 -> 0.462 s median per exam
 * on 2 cores.
 * The same holds in a saliency pass, where autograd records: the backward runs the NHWC kernels
 * too (saliency 1.58 -> 1.16 s min, 1.70 -> 1.20 s median). One thing differs from an NCHW pass:
 * where a pooling window's maxima are equal or within an ulp (flat background, whose convolutions
 * give one value everywhere), NHWC kernels' rounding can pick another maximum, and the gradient
 * goes there. Measured on the sample exam (issue 14): 0-15 such windows per view (of those ReLU
 * passes), all in pool3 and pool4, and where any did, 99.95-100% of the saliency map's difference
 * from an NCHW pass lay on background pixels; each answer is the gradient of the function its
 * pass computed. SaliencyPyTorchParityTest compares accordingly.
 * A training pass checkpoints its first block ({@link StemCheckpoints}, channels-last) and runs the
 * rest in the layout {@link TrainingLayout} picks for the CPU: channels-last on AVX-512 CPUs (a step
 * of 4 exams 6.1-6.8 s against 7.4-7.8 s with the rest NCHW, issue 14), NCHW on AVX2-only ones, whose
 * channels-last weight-gradient kernels are the slow ones (issue 29).
 */
public final class ViewColumn extends AbstractBlock {

    /** Glorot (Xavier) uniform: U(-a, a) with a = sqrt(6 / (fan_in + fan_out)). */
    static final Initializer GLOROT_UNIFORM =
            new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3f);

    /** Convolution outputs above this many values are computed in bands (see convPoolRelu). */
    static final long BAND_ELEMENTS = 4L << 20;

    private final ColumnLayout layout;
    private final long bandElements;
    private final float dropoutRate;
    private final List<Parameter> weights = new ArrayList<>();
    private final List<Parameter> biases = new ArrayList<>();
    /** Each convolution's batch normalisation, by index; empty when the column has none. */
    private final List<ChannelNormalisation> normalisations = new ArrayList<>();

    public ViewColumn(ColumnLayout layout, float dropoutRate) {
        this(layout, dropoutRate, false);
    }

    /** With {@code batchNorm}, every convolution is batch-normalised while training ({@link ChannelNormalisation}). */
    public ViewColumn(ColumnLayout layout, float dropoutRate, boolean batchNorm) {
        this(layout, dropoutRate, batchNorm, BAND_ELEMENTS);
    }

    ViewColumn(ColumnLayout layout, float dropoutRate, long bandElements) {
        this(layout, dropoutRate, false, bandElements);
    }

    private ViewColumn(ColumnLayout layout, float dropoutRate, boolean batchNorm, long bandElements) {
        this.layout = layout;
        this.bandElements = bandElements;
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
            if (batchNorm) {
                normalisations.add(new ChannelNormalisation(conv, this::addParameter));
            }
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

    /** The batch normalisation of the convolution with index {@code i}, or null when the column has none. */
    ChannelNormalisation normalisation(int i) {
        return normalisations.isEmpty() ? null : normalisations.get(i);
    }

    /**
     * The weight and bias of the convolution with index {@code i} as a weights file holds them:
     * copies, with its batch normalisation's running moments folded in where the column has one.
     * The caller closes them.
     */
    NDList convolutionTensors(int i) {
        NDArray w = weights.get(i).getArray();
        NDArray b = biases.get(i).getArray();
        ChannelNormalisation norm = normalisation(i);
        return norm == null ? new NDList(w.duplicate(), b.duplicate()) : norm.fold(w, b, Parameter::getArray);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        LayerProbe probe = LayerProbe.in(params);
        StemCheckpoints stems = StemCheckpoints.in(params);
        boolean channelsLast = stems == null || stems.after() == TrainingLayout.CHANNELS_LAST;
        NDArray x = input;
        String reluPending = null; // the convolution whose ReLU is still to come (after its pooling, or before the next convolution)
        List<ColumnLayout.Step> steps = layout.steps();
        for (int i = 0; i < steps.size(); i++) {
            ColumnLayout.Step step = steps.get(i);
            if (step instanceof ColumnLayout.Conv conv) {
                if (reluPending != null) {
                    x = relu(x, reluPending, probe, input);
                }
                // a normalised block needs its whole batch's moments, which a checkpointed band-by-band backward cannot carry
                if (x == input && stems != null && normalisations.isEmpty() && i + 1 < steps.size() && steps.get(i + 1) instanceof ColumnLayout.MaxPool pool) {
                    x = dropout(stems.defer(this, store, conv, pool.size(), input, probe), training, input);
                    i++;
                    continue;
                }
                if (i + 1 < steps.size() && steps.get(i + 1) instanceof ColumnLayout.MaxPool pool) {
                    x = replace(x, convPoolRelu(store, x, conv, pool.size(), training, probe, channelsLast), input);
                    x = dropout(x, training, input);
                    reluPending = null;
                    i++;
                    continue;
                }
                try (ConvParameters p = parameters(store, conv, x, training, channelsLast)) {
                    x = replace(x, p.normalised(conv(x, conv, p.weight(), p.bias())), input);
                }
                if (probe != null) {
                    probe.preActivation(conv.name(), x);
                }
                reluPending = conv.name();
            } else if (step instanceof ColumnLayout.PadRight) {
                x = replace(x, x.pad(new Shape(0, 1), 0), input);
            } else if (step instanceof ColumnLayout.MaxPool pool) {
                x = replace(x, maxPool(x, pool.size()), input);
                if (reluPending != null) {
                    x = relu(x, reluPending, probe, input);
                    reluPending = null;
                }
                x = dropout(x, training, input);
            }
        }
        if (reluPending != null) {
            x = relu(x, reluPending, probe, input);
        }
        NDArray features = Pool.globalAvgPool2d(x);
        if (x != input) {
            x.close();
        }
        return new NDList(features);
    }

    /**
     * The weight {@code w} (O, I, kh, kw) with NHWC strides: an (O, kh, kw, I)-contiguous copy
     * permuted back to logical (O, I, kh, kw). libtorch then runs the convolution in channels-last
     * layout (oneDNN's NHWC kernels) and its output comes out channels-last; pooling, ReLU, padding
     * and the next convolution keep that layout, so no layer reorders its input. The copy is
     * made by reshaping a permuted view that no view can flatten (libtorch's reshape then copies
     * contiguously); autograd carries the gradient back to the parameter, which keeps its own
     * NCHW storage (files, Adam and the copy-in stay as they were). The copy costs 2.6M values
     * per column and pass. A 1-channel weight (conv1's) gets stride 1 on its channel axis this way,
     * which is what makes libtorch take it as channels-last.
     */
    static NDArray channelsLast(NDArray w) {
        Shape s = w.getShape();
        long out = s.get(0);
        long in = s.get(1);
        try (NDArray ohwiView = w.transpose(0, 2, 3, 1);
                NDArray flat = ohwiView.reshape(out, s.get(2) * s.get(3) * in);
                NDArray ohwi = flat.reshape(out, s.get(2), s.get(3), in)) {
            return ohwi.transpose(0, 3, 1, 2);
        }
    }

    /**
     * Convolution {@code conv}'s parameters for input {@code x}. The weight is an array the caller
     * closes: a channels-last strided copy, or where a training pass runs NCHW ({@link
     * TrainingLayout}) a view of the parameter as it is stored (DJL's duplicate would cut it from
     * autograd); libtorch picks the kernels' layout from the input's and the weight's. With batch
     * normalisation, a training pass normalises the convolution's output with the batch's moments,
     * and any other pass runs the convolution with the running moments folded in.
     */
    private ConvParameters parameters(ParameterStore store, ColumnLayout.Conv conv, NDArray x, boolean training,
            boolean channelsLast) {
        NDArray w = store.getValue(weights.get(conv.index()), x.getDevice(), training);
        NDArray b = store.getValue(biases.get(conv.index()), x.getDevice(), training);
        ChannelNormalisation norm = normalisation(conv.index());
        if (norm == null || training) {
            return new ConvParameters(channelsLast ? channelsLast(w) : w.reshape(w.getShape()), b, null,
                    norm == null ? null : c -> norm.normalise(store, c));
        }
        NDList folded = norm.fold(w, b, parameter -> store.getValue(parameter, x.getDevice(), false));
        if (!channelsLast) {
            return new ConvParameters(folded.get(0), folded.get(1), folded.get(1), null);
        }
        try (NDArray foldedWeight = folded.get(0)) {
            return new ConvParameters(channelsLast(foldedWeight), folded.get(1), folded.get(1), null);
        }
    }

    /**
     * One convolution's weight (owned), bias ({@code ownedBias} when it was made for the pass, else
     * the parameter's own) and the batch normalisation of its output (null: none).
     */
    private record ConvParameters(NDArray weight, NDArray bias, NDArray ownedBias, UnaryOperator<NDArray> normalise)
            implements AutoCloseable {

        /** Convolution output {@code c} normalised where the pass does so (closing {@code c}), else {@code c}. */
        NDArray normalised(NDArray c) {
            if (normalise == null) {
                return c;
            }
            try (c) {
                return normalise.apply(c);
            }
        }

        @Override
        public void close() {
            weight.close();
            if (ownedBias != null) {
                ownedBias.close();
            }
        }
    }

    /**
     * Non-overlapping k x k max-pooling (kernel = stride = k, floor mode), libtorch's. On
     * channels-last maps its CPU kernel runs along the contiguous channels: pool1 of one
     * full-resolution view measured 18 ms, against 40-48 ms for elementwise maxima of k x k
     * strided views (the former StridedMaxPool, which had beaten libtorch's 78-104 ms NCHW kernel
     * on NCHW maps). The values are identical either way (a max is a max). Its backward scatters
     * into one gradient tensor and sends a tie's gradient to the first maximum, as the reference
     * does (the strided form's backward had materialised a full-size gradient per phase).
     */
    static NDArray maxPool(NDArray x, int k) {
        Shape kernel = new Shape(k, k);
        return Pool.maxPool2d(x, kernel, kernel, new Shape(0, 0), false);
    }

    private static NDArray conv(NDArray x, ColumnLayout.Conv conv, NDArray w, NDArray b) {
        return Conv2d.conv2d(x, w, b, new Shape(conv.stride(), conv.stride()), new Shape(0, 0), new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    /**
     * conv -> k x k max-pool -> ReLU, its parameters from {@code store}, in horizontal bands when
     * the convolution's output is large (see {@link #bandCount}). Each band's rows map to whole
     * pooling windows, so the bands join into the unbanded result (up to float rounding: oneDNN may
     * block a band differently); but only one band's convolution output, and oneDNN's reordered copy
     * of it, which doubles it, is alive at a time. One band while autograd records or a probe
     * needs the maps whole ({@link LayerProbe#wholeMaps}): a recorded pooling would keep each band's convolution output for the
     * backward anyway, and each band's slice of the input costs a full-size gradient (measured:
     * saliency backward 0.82 s banded against 0.56 s whole); a training pass records its first
     * block band by band instead ({@link StemCheckpoints}).
     */
    NDArray convPoolRelu(ParameterStore store, NDArray x, ColumnLayout.Conv conv, int k, boolean training, LayerProbe probe,
            boolean channelsLast) {
        boolean batchMoments = training && normalisation(conv.index()) != null;
        boolean whole = batchMoments || Autograd.isRecording() || probe != null && probe.wholeMaps();
        List<Band> bands = Band.split(x.getShape(), conv, k, whole ? 1 : bandCount(x.getShape(), conv, k));
        NDList pooled = new NDList(bands.size());
        try (ConvParameters p = parameters(store, conv, x, training, channelsLast)) {
            for (Band band : bands) {
                pooled.add(band.convPoolRelu(x, conv, k, p, probe));
            }
        }
        if (pooled.size() == 1) {
            return pooled.get(0);
        }
        NDArray joined = NDArrays.concat(pooled, 2);
        pooled.close();
        return joined;
    }

    /**
     * The gradient of a block that {@link #convPoolRelu} ran without recording, carried to its
     * convolution's weight and bias: each band computed again while recording and its backward run
     * at once with that band's rows of {@code gradient}, so one band's maps exist at a time. The
     * input needs no gradient (it is the noisy image), so no band slices a gradient of it. The bands
     * need not be the forward's: any split into whole pooling windows gives the same pooled values.
     */
    void convPoolReluBackward(ParameterStore store, NDArray x, ColumnLayout.Conv conv, int k, NDArray gradient) {
        for (Band band : Band.split(x.getShape(), conv, k, bandCount(x.getShape(), conv, k))) {
            // a fresh weight copy per band: each band's backward frees the graph it recorded
            try (ConvParameters p = parameters(store, conv, x, true, true);
                    NDArray activated = band.convPoolRelu(x, conv, k, p, null);
                    NDArray bandGradient = gradient.get(band.pooledRows())) {
                Autograd.backward(activated, bandGradient);
            }
        }
    }

    /**
     * How many bands a conv -> pool block on input {@code in} runs in: one per {@code bandElements}
     * values of convolution output. For conv1 at 2600x2000 that is 9 bands of 18 MiB instead of
     * one of 158 MiB (316 MiB while oneDNN reorders it); measured (bench/RESULTS.md): forward 0.36
     * -> 0.30 s, peak RSS 870 -> 500 MiB; 2M-value bands saved 25 MiB more but ran slower,
     * 16M-value bands used 150 MiB more.
     */
    private int bandCount(Shape in, ColumnLayout.Conv conv, int k) {
        long convHeight = (in.get(2) - ColumnLayout.KERNEL) / conv.stride() + 1;
        long convWidth = (in.get(3) - ColumnLayout.KERNEL) / conv.stride() + 1;
        long convElements = in.get(0) * conv.outChannels() * convHeight * convWidth;
        return (int) Math.max(1, Math.min(convHeight / k, convElements / bandElements));
    }

    /** One band of a conv -> pool block: pooled rows [firstPoolRow, endPoolRow); whole: the only band. */
    private record Band(long firstPoolRow, long endPoolRow, boolean whole) {

        /** {@code count} bands over the pooled rows of a block on input {@code in}. */
        static List<Band> split(Shape in, ColumnLayout.Conv conv, int k, int count) {
            long poolRows = ((in.get(2) - ColumnLayout.KERNEL) / conv.stride() + 1) / k;
            List<Band> bands = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                bands.add(new Band(poolRows * i / count, poolRows * (i + 1) / count, count == 1));
            }
            return bands;
        }

        /** This band's conv (normalised where {@code p} says) -> pool -> ReLU of {@code x}, shown to {@code probe} (may be null). */
        NDArray convPoolRelu(NDArray x, ColumnLayout.Conv conv, int k, ConvParameters parameters, LayerProbe probe) {
            int s = conv.stride();
            try (NDArray rows = whole ? null
                    : x.get(new NDIndex(":, :, " + firstPoolRow * k * s + ":" + ((endPoolRow * k - 1) * s + ColumnLayout.KERNEL) + ", :"));
                    NDArray c = parameters.normalised(conv(whole ? x : rows, conv, parameters.weight(), parameters.bias()));
                    NDArray p = maxPool(c, k)) {
                NDArray activated = Activation.relu(p);
                if (probe != null) {
                    probe.preActivation(conv.name(), c);
                    probe.activation(conv.name(), activated);
                }
                return activated;
            }
        }

        /** The index of this band's rows in the block's pooled output. */
        NDIndex pooledRows() {
            return new NDIndex(":, :, " + firstPoolRow + ":" + endPoolRow + ", :");
        }
    }

    private static NDArray relu(NDArray x, String layer, LayerProbe probe, NDArray input) {
        NDArray activated = replace(x, Activation.relu(x), input);
        if (probe != null) {
            probe.activation(layer, activated);
        }
        return activated;
    }

    private NDArray dropout(NDArray x, boolean training, NDArray input) {
        if (!training || dropoutRate <= 0) {
            return x;
        }
        return replace(x, FastDropout.apply(x, dropoutRate), input);
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
