package org.mvdcn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mvdcn.exam.View;
import org.mvdcn.weights.NetworkWeights;

/**
 * Batch normalisation as a training option: its moments and its folding checked against a direct
 * computation of conv1 in plain Java, and the folded tensors against the network they came from.
 */
class ChannelNormalisationTest {

    private static final int H = 60;
    private static final int W = 50;
    private static final int BATCH = 3;

    /** Without noise and dropout, so that a training pass is a function of its inputs. */
    private static MultiViewNetwork network(NDManager manager, boolean batchNorm) {
        MultiViewNetwork network = new MultiViewNetwork(new NetworkConfig(H, W, 0.125, 0, 0, batchNorm));
        network.initialize(manager);
        return network;
    }

    private static NDList views(NDManager manager) {
        NDList inputs = new NDList();
        for (int i = 0; i < View.values().length; i++) {
            inputs.add(manager.randomNormal(new Shape(BATCH, 1, H, W)));
        }
        return inputs;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void aTrainingPassUpdatesTheRunningMomentsWithEachViewsBatchMoments(int seed) {
        Engine.getInstance().setRandomSeed(seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = network(manager, true);
            NDList inputs = views(manager);
            try (TrainingPass pass = network.trainingPass(new ParameterStore(manager, false), inputs, null)) {
                assertThat(pass.logits().getShape()).isEqualTo(new Shape(BATCH, 3));
            }
            Map<String, Parameter> norms = network.normalisationParameters();
            float[] w = network.referenceParameters().get("_conv_layer_ls.0.cc.weight").getArray().toFloatArray();
            float[] b = network.referenceParameters().get("_conv_layer_ls.0.cc.bias").getArray().toFloatArray();
            double[][] left = moments(conv1(inputs.get(View.L_CC.ordinal()).toFloatArray(), w, b));
            double[][] right = moments(conv1(inputs.get(View.R_CC.ordinal()).toFloatArray(), w, b));
            float[] mean = norms.get("_conv_layer_ls.0.cc.bn.running_mean").getArray().toFloatArray();
            float[] variance = norms.get("_conv_layer_ls.0.cc.bn.running_var").getArray().toFloatArray();
            for (int o = 0; o < mean.length; o++) {
                // L-CC, then R-CC through the same column, each a momentum-0.1 update from (0, 1)
                double expectedMean = 0.9 * (0.1 * left[0][o]) + 0.1 * right[0][o];
                double expectedVariance = 0.9 * (0.9 + 0.1 * left[1][o]) + 0.1 * right[1][o];
                assertThat((double) mean[o]).as("running mean of channel %d", o).isCloseTo(expectedMean, within(1e-4));
                assertThat((double) variance[o]).as("running variance of channel %d", o)
                        .isCloseTo(expectedVariance, within(1e-4 * expectedVariance));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5, 6})
    void theFoldedConvolutionIsTheNormalisationWithTheRunningMoments(int seed) {
        Engine.getInstance().setRandomSeed(seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = network(manager, true);
            randomiseNormalisation(network, new Random(seed));
            Map<String, Parameter> norms = network.normalisationParameters();
            float[] image = manager.randomNormal(new Shape(BATCH, 1, H, W)).toFloatArray();
            float[] w = network.referenceParameters().get("_conv_layer_ls.0.mlo.weight").getArray().toFloatArray();
            float[] b = network.referenceParameters().get("_conv_layer_ls.0.mlo.bias").getArray().toFloatArray();
            float[] gamma = norms.get("_conv_layer_ls.0.mlo.bn.weight").getArray().toFloatArray();
            float[] beta = norms.get("_conv_layer_ls.0.mlo.bn.bias").getArray().toFloatArray();
            float[] mean = norms.get("_conv_layer_ls.0.mlo.bn.running_mean").getArray().toFloatArray();
            float[] variance = norms.get("_conv_layer_ls.0.mlo.bn.running_var").getArray().toFloatArray();
            float[][][][] raw = conv1(image, w, b);
            float[][][][] folded;
            try (NDList tensors = network.referenceTensors()) {
                folded = conv1(image, tensors.get("_conv_layer_ls.0.mlo.weight").toFloatArray(),
                        tensors.get("_conv_layer_ls.0.mlo.bias").toFloatArray());
                assertThat(tensors.stream().map(NDArray::getName)).as("a weights file's names: the reference's, nothing more")
                        .containsExactlyElementsOf(network.referenceParameters().keySet());
            }
            for (int n = 0; n < BATCH; n++) {
                for (int o = 0; o < gamma.length; o++) {
                    for (int y = 0; y < raw[n][o].length; y++) {
                        for (int x = 0; x < raw[n][o][y].length; x++) {
                            double normalised = (raw[n][o][y][x] - mean[o]) / Math.sqrt(variance[o] + 1e-5) * gamma[o] + beta[o];
                            assertThat((double) folded[n][o][y][x]).isCloseTo(normalised, within(1e-4 + 1e-4 * Math.abs(normalised)));
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 8, 9})
    void aPlainNetworkGivenTheFoldedTensorsPredictsAsTheNormalisedOne(int seed) {
        Engine.getInstance().setRandomSeed(seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork normalised = network(manager, true);
            randomiseNormalisation(normalised, new Random(seed));
            MultiViewNetwork plain = network(manager, false);
            NDList inputs = views(manager);
            ParameterStore store = new ParameterStore(manager, false);
            float[] unfolded = copyInto(plain, normalised.referenceParameters().entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getArray().toFloatArray())))
                    .forward(store, inputs, false).singletonOrThrow().toFloatArray();
            try (NDList tensors = normalised.referenceTensors()) {
                copyInto(plain, tensors.stream().collect(java.util.stream.Collectors.toMap(NDArray::getName, NDArray::toFloatArray)));
            }
            float[] expected = normalised.forward(store, inputs, false).singletonOrThrow().toFloatArray();
            float[] actual = plain.forward(store, inputs, false).singletonOrThrow().toFloatArray();
            assertThat(MultiViewNetworkTest.maxAbsDifference(actual, expected)).isLessThan(1e-4 * (1 + MultiViewNetworkTest.maxAbs(expected)));
            assertThat(MultiViewNetworkTest.maxAbsDifference(unfolded, expected)).as("the normalisation changes the logits")
                    .isGreaterThan(1e-2);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 11})
    void aTrainingPassGivesGammaAndBetaTheirGradientsAndTheRunningMomentsNone(int seed) {
        Engine.getInstance().setRandomSeed(seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = network(manager, true);
            NDList inputs = views(manager);
            NDArray labels = manager.create(new long[] {0, 1, 2}).oneHot(3);
            try (TrainingPass pass = network.trainingPass(new ParameterStore(manager, false), inputs, null)) {
                pass.backward(pass.logits().logSoftmax(1).mul(labels).sum().neg());
            }
            assertThat(network.learnedParameters()).hasSize(network.referenceParameters().size()
                    + network.normalisationParameters().size() / 2);
            for (Map.Entry<String, Parameter> e : network.learnedParameters().entrySet()) {
                assertThat(MultiViewNetworkTest.maxAbs(e.getValue().getArray().getGradient().toFloatArray())).as(e.getKey()).isPositive();
            }
            for (Map.Entry<String, Parameter> e : network.normalisationParameters().entrySet()) {
                assertThat(e.getValue().requiresGradient()).as(e.getKey()).isEqualTo(!e.getKey().contains("running"));
            }
        }
    }

    /** Gammas in [0.5, 1.5], betas in [-0.5, 0.5], running means in [-0.5, 0.5] and variances in [0.5, 2]: a trained look. */
    private static void randomiseNormalisation(MultiViewNetwork network, Random random) {
        for (Map.Entry<String, Parameter> e : network.normalisationParameters().entrySet()) {
            NDArray a = e.getValue().getArray();
            float[] v = new float[(int) a.size()];
            for (int i = 0; i < v.length; i++) {
                double u = random.nextDouble();
                v[i] = (float) (e.getKey().endsWith("bn.weight") ? 0.5 + u : e.getKey().endsWith("running_var") ? 0.5 + 1.5 * u : u - 0.5);
            }
            NetworkWeights.copyInto(a, v);
        }
    }

    private static MultiViewNetwork copyInto(MultiViewNetwork network, Map<String, float[]> values) {
        network.referenceParameters().forEach((name, p) -> NetworkWeights.copyInto(p.getArray(), values.get(name)));
        return network;
    }

    /** conv1 (3x3, stride 2, valid, one input channel) of (BATCH, 1, H, W) {@code image}: [n][o][y][x]. */
    private static float[][][][] conv1(float[] image, float[] w, float[] b) {
        int out = b.length;
        int oh = (H - 3) / 2 + 1;
        int ow = (W - 3) / 2 + 1;
        float[][][][] c = new float[BATCH][out][oh][ow];
        for (int n = 0; n < BATCH; n++) {
            for (int o = 0; o < out; o++) {
                for (int y = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        double s = b[o];
                        for (int ky = 0; ky < 3; ky++) {
                            for (int kx = 0; kx < 3; kx++) {
                                s += w[o * 9 + ky * 3 + kx] * image[n * H * W + (2 * y + ky) * W + 2 * x + kx];
                            }
                        }
                        c[n][o][y][x] = (float) s;
                    }
                }
            }
        }
        return c;
    }

    /** Each channel's mean and unbiased variance over (n, y, x): [0][o] and [1][o]. */
    private static double[][] moments(float[][][][] c) {
        int channels = c[0].length;
        double[][] m = new double[2][channels];
        for (int o = 0; o < channels; o++) {
            double sum = 0;
            double squares = 0;
            long count = 0;
            for (float[][][] image : c) {
                for (float[] row : image[o]) {
                    for (float v : row) {
                        sum += v;
                        squares += (double) v * v;
                        count++;
                    }
                }
            }
            m[0][o] = sum / count;
            m[1][o] = (squares - sum * sum / count) / (count - 1);
        }
        return m;
    }
}
