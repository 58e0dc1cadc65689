package org.mvdcn.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.data.ExamBatch;
import org.mvdcn.data.ExamLoader;
import org.mvdcn.data.LoaderConfig;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.Split;
import org.mvdcn.model.LayerProbe;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.model.WeightInit;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.synth.CohortGenerator;

class LayerSequentialUnitVarianceTest {

    @TempDir
    Path dir;

    /**
     * Pre-activation variances computed in Java from the maps' values, both views of a column
     * pooled: independent of the code under test.
     */
    private static Map<String, Double> measured(MultiViewNetwork network, ParameterStore store, NDList inputs) {
        Map<String, Double> variances = new LinkedHashMap<>();
        unitMoments(network, store, inputs).forEach((layer, m) -> {
            double mean = 0;
            double squares = 0;
            for (int u = 0; u < m[0].length; u++) { // every unit has as many values
                mean += m[0][u];
                squares += m[1][u] + m[0][u] * m[0][u];
            }
            mean /= m[0].length;
            variances.put(layer, squares / m[0].length - mean * mean);
        });
        return variances;
    }

    /**
     * Each unit's (channel's) pre-activation mean and variance over the batch, both views of a
     * column pooled, computed in Java from the maps' values.
     */
    private static Map<String, double[][]> unitMoments(MultiViewNetwork network, ParameterStore store, NDList inputs) {
        Map<String, double[][]> sums = new LinkedHashMap<>(); // layer -> {sum, sum of squares, count} per unit
        network.forwardWithFeatures(store, inputs, false, new LayerProbe() {
            @Override
            public void preActivation(String layer, NDArray output) {
                float[] v = output.toFloatArray();
                long[] shape = output.getShape().getShape();
                int units = (int) shape[1];
                int perUnit = 1;
                for (int i = 2; i < shape.length; i++) {
                    perUnit *= (int) shape[i];
                }
                double[][] s = sums.computeIfAbsent(layer, k -> new double[3][units]);
                for (int i = 0; i < v.length; i++) {
                    int unit = i / perUnit % units;
                    s[0][unit] += v[i];
                    s[1][unit] += (double) v[i] * v[i];
                    s[2][unit]++;
                }
            }
        }).close();
        Map<String, double[][]> moments = new LinkedHashMap<>();
        sums.forEach((layer, s) -> {
            double[][] m = new double[2][s[0].length];
            for (int u = 0; u < s[0].length; u++) {
                m[0][u] = s[0][u] / s[2][u];
                m[1][u] = s[1][u] / s[2][u] - m[0][u] * m[0][u];
            }
            moments.put(layer, m);
        });
        return moments;
    }

    /** He-drawn network and one real training batch of a small synthetic cohort (seeded per test). */
    private void withBatch(int seed, BatchTest test) throws Exception {
        Path manifest = CohortGenerator.generate(dir, new CohortGenerator.Options(12, 0.1, 5, 0, 0), (d, t) -> { }).manifest();
        Preprocessing crop = Preprocessing.of(1, 240, 180);
        Engine.getInstance().setRandomSeed(seed);
        try (NDManager manager = NDManager.newBaseManager();
                ExamLoader loader = new ExamLoader(Manifest.load(manifest, false).exams(), Split.TRAIN, new ExamPipeline(crop),
                        new LoaderConfig(4, 1, 4, 1, false, 3), 0, l -> { })) {
            MultiViewNetwork network = new MultiViewNetwork(new NetworkConfig(240, 180, 0.5, 0.01f, 0.2f));
            network.initialize(manager);
            WeightInit.HE.apply(network);
            ParameterStore store = new ParameterStore(manager, false);
            ExamBatch batch = loader.next();
            test.run(network, store, batch.inputs(manager, 0));
        }
    }

    @FunctionalInterface
    private interface BatchTest {
        void run(MultiViewNetwork network, ParameterStore store, NDList inputs);
    }

    @Test
    void everyLayerHasUnitOutputVarianceOnARealTrainingBatch() throws Exception {
        withBatch(11, (network, store, inputs) -> {
            Map<String, Double> before = measured(network, store, inputs);

            Map<String, Double> reached = LayerSequentialUnitVariance.apply(network, store, inputs, false);

            Map<String, Double> after = measured(network, store, inputs);
            int convs = network.config().columnLayout().convs().size();
            assertThat(after).hasSize(2 * convs + 1).containsKey("cc.conv1").containsKey("mlo.conv1").containsKey("fc1");
            assertThat(reached.keySet()).isEqualTo(after.keySet());
            after.forEach((layer, variance) -> assertThat(variance).as(layer)
                    .isBetween(1 - LayerSequentialUnitVariance.TOLERANCE, 1 + LayerSequentialUnitVariance.TOLERANCE));
            // He alone leaves the standardised input's variance far from 1 somewhere: the scaling did work
            assertThat(before.values()).anyMatch(v -> Math.abs(v - 1) > 0.3);
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {11, 12, 13})
    void centredInitGivesEveryUnitZeroMeanAndUnitVariance(int seed) throws Exception {
        withBatch(seed, (network, store, inputs) -> {
            // one channel made constant (all its weights 0): it must not stop or stall its layer's standardisation
            network.referenceParameters().get("_conv_layer_ls.1.cc.weight").getArray().set(new NDIndex("0"), 0f);
            Map<String, double[][]> before = unitMoments(network, store, inputs);

            LayerSequentialUnitVariance.apply(network, store, inputs, true);

            Map<String, double[][]> after = unitMoments(network, store, inputs);
            int convs = network.config().columnLayout().convs().size();
            assertThat(after).hasSize(2 * convs + 1).containsKey("cc.conv1").containsKey("mlo.conv1").containsKey("fc1");
            // fc1 is scaled as a layer (one value per exam is too few for a unit's own moments)
            assertThat(measured(network, store, inputs).get("fc1")).isBetween(1 - LayerSequentialUnitVariance.TOLERANCE,
                    1 + LayerSequentialUnitVariance.TOLERANCE);
            after.remove("fc1");
            int alive = 0;
            for (Map.Entry<String, double[][]> layer : after.entrySet()) {
                double[] mean = layer.getValue()[0];
                double[] variance = layer.getValue()[1];
                for (int u = 0; u < mean.length; u++) {
                    if (variance[u] < 1e-6) {
                        continue; // a unit whose output does not vary on this batch has nothing to scale
                    }
                    alive++;
                    assertThat(mean[u]).as(layer.getKey() + " unit " + u + " mean").isBetween(-0.02, 0.02);
                    assertThat(variance[u]).as(layer.getKey() + " unit " + u + " variance").isBetween(0.97, 1.03);
                }
            }
            assertThat(alive).isGreaterThan(after.values().stream().mapToInt(m -> m[0].length).sum() * 9 / 10);
            assertThat(after.get("cc.conv2a")[1][0]).as("the constant channel").isLessThan(1e-6);
            // He alone leaves the units' means far from 0: the centring did work
            assertThat(Arrays.stream(before.get("cc.conv2a")[0]).map(Math::abs).max().orElseThrow()).isGreaterThan(0.2);
        });
    }
}
