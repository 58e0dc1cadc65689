package org.mvdcn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MultiViewNetworkTest {

    @Test
    void paperNetworkHasTheReleasedModelsParameterCountAndNames() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = new MultiViewNetwork(NetworkConfig.paper());
            network.initialize(manager);
            Map<String, Parameter> params = network.referenceParameters();
            assertThat(params.values().stream().mapToLong(p -> p.getArray().size()).sum()).isEqualTo(5_812_227L);
            assertThat(params).hasSize(13 * 4 + 4);
            assertThat(params.get("_conv_layer_ls.0.cc.weight").getShape()).isEqualTo(new Shape(32, 1, 3, 3));
            assertThat(params.get("_conv_layer_ls.12.mlo.weight").getShape()).isEqualTo(new Shape(256, 256, 3, 3));
            assertThat(params.get("fc1.weight").getShape()).isEqualTo(new Shape(1024, 1024));
            assertThat(params.get("fc2.weight").getShape()).isEqualTo(new Shape(3, 1024));
        }
    }

    @Test
    void glorotInitialisationHasTheGlorotBoundAndZeroBiases() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = new MultiViewNetwork(NetworkConfig.paper());
            network.initialize(manager);
            Map<String, Parameter> params = network.referenceParameters();
            // conv3b: fan_in = fan_out = 128 * 9 -> bound sqrt(6 / 2304); uniform std = bound / sqrt(3)
            NDArray w = params.get("_conv_layer_ls.5.cc.weight").getArray();
            double bound = Math.sqrt(6.0 / (128 * 9 + 128 * 9));
            assertThat(w.abs().max().getFloat()).isLessThanOrEqualTo((float) bound).isGreaterThan((float) (0.99 * bound));
            double std = Math.sqrt(w.pow(2).mean().getFloat());
            assertThat(std).isBetween(0.97 * bound / Math.sqrt(3), 1.03 * bound / Math.sqrt(3));
            assertThat(params.get("fc1.bias").getArray().abs().sum().getFloat()).isZero();
        }
    }

    @Test
    void noiseAndDropoutActOnlyWhileTraining() {
        Engine.getInstance().setRandomSeed(5);
        NetworkConfig config = new NetworkConfig(130, 100, 0.25, 0.01f, 0.2f);
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = new MultiViewNetwork(config);
            network.initialize(manager);
            NDList inputs = new NDList();
            for (int i = 0; i < 4; i++) {
                inputs.add(manager.randomNormal(new Shape(2, 1, 130, 100)));
            }
            ParameterStore store = new ParameterStore(manager, false);
            float[] a = network.forward(store, inputs, false).singletonOrThrow().toFloatArray();
            float[] b = network.forward(store, inputs, false).singletonOrThrow().toFloatArray();
            float[] t1 = network.forward(store, inputs, true).singletonOrThrow().toFloatArray();
            float[] t2 = network.forward(store, inputs, true).singletonOrThrow().toFloatArray();
            assertThat(a).hasSize(2 * 3).containsExactly(b);
            assertThat(t1).isNotEqualTo(t2);
            assertThat(t1).isNotEqualTo(a);
        }
    }

    @ParameterizedTest
    @EnumSource(TrainingLayout.class)
    void trainingPassGivesEveryParameterTheGradientOfAFullyRecordedPass(TrainingLayout layout) {
        NetworkConfig config = new NetworkConfig(262, 203, 0.25, 0.01f, 0.2f);
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = new MultiViewNetwork(config);
            network.initialize(manager);
            NDList inputs = new NDList();
            for (int i = 0; i < 4; i++) {
                inputs.add(manager.randomNormal(new Shape(2, 1, 262, 203)));
            }
            NDArray labels = manager.create(new long[] {0, 2}).oneHot(3);
            ParameterStore store = new ParameterStore(manager, false);
            // the same seed draws the same noise and dropout masks in both passes
            Engine.getInstance().setRandomSeed(11);
            float lossRecorded;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = network.forward(store, inputs, true).singletonOrThrow().logSoftmax(1).mul(labels).sum().neg();
                collector.backward(loss);
                lossRecorded = loss.getFloat();
            }
            Map<String, float[]> recorded = new LinkedHashMap<>();
            for (Map.Entry<String, Parameter> e : network.referenceParameters().entrySet()) {
                NDArray g = e.getValue().getArray().getGradient();
                recorded.put(e.getKey(), g.toFloatArray());
                g.subi(g);
            }
            Engine.getInstance().setRandomSeed(11);
            float lossCheckpointed;
            try (TrainingPass pass = network.trainingPass(store, inputs, null, layout)) {
                NDArray loss = pass.logits().logSoftmax(1).mul(labels).sum().neg();
                pass.backward(loss);
                lossCheckpointed = loss.getFloat();
            }
            assertThat(lossCheckpointed).isCloseTo(lossRecorded, within(1e-5f * Math.abs(lossRecorded)));
            for (Map.Entry<String, Parameter> e : network.referenceParameters().entrySet()) {
                float[] expected = recorded.get(e.getKey());
                float[] actual = e.getValue().getArray().getGradient().toFloatArray();
                assertThat(maxAbs(expected)).as(e.getKey()).isPositive();
                assertThat(maxAbsDifference(actual, expected) / maxAbs(expected)).as(e.getKey()).isLessThan(1e-4);
            }
        }
    }

    static double maxAbs(float[] v) {
        double m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    static double maxAbsDifference(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
