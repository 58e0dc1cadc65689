package org.mvdcn.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
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

    /** Pre-activation variances computed in Java from the maps' values: independent of the code under test. */
    private static Map<String, Double> measured(MultiViewNetwork network, ParameterStore store, NDList inputs) {
        Map<String, Double> variances = new LinkedHashMap<>();
        network.forwardWithFeatures(store, inputs, false, new LayerProbe() {
            @Override
            public void preActivation(String layer, NDArray output) {
                float[] v = output.toFloatArray();
                double sum = 0;
                for (float x : v) {
                    sum += x;
                }
                double mean = sum / v.length;
                double squares = 0;
                for (float x : v) {
                    squares += (x - mean) * (x - mean);
                }
                variances.put(layer, squares / v.length);
            }
        }).close();
        return variances;
    }

    @Test
    void everyLayerHasUnitOutputVarianceOnARealTrainingBatch() throws Exception {
        Path manifest = CohortGenerator.generate(dir, new CohortGenerator.Options(12, 0.1, 5, 0, 0), (d, t) -> { }).manifest();
        Preprocessing crop = Preprocessing.of(1, 240, 180);
        Engine.getInstance().setRandomSeed(11);
        try (NDManager manager = NDManager.newBaseManager();
                ExamLoader loader = new ExamLoader(Manifest.load(manifest, false).exams(), Split.TRAIN, new ExamPipeline(crop),
                        new LoaderConfig(4, 1, 4, 1, false, 3), 0, l -> { })) {
            MultiViewNetwork network = new MultiViewNetwork(new NetworkConfig(240, 180, 0.5, 0.01f, 0.2f));
            network.initialize(manager);
            WeightInit.HE.apply(network);
            ParameterStore store = new ParameterStore(manager, false);
            ExamBatch batch = loader.next();
            NDList inputs = batch.inputs(manager, 0);
            Map<String, Double> before = measured(network, store, inputs);

            Map<String, Double> reached = LayerSequentialUnitVariance.apply(network, store, inputs);

            Map<String, Double> after = measured(network, store, inputs);
            int convs = network.config().columnLayout().convs().size();
            assertThat(after).hasSize(2 * convs + 1).containsKey("cc.conv1").containsKey("mlo.conv1").containsKey("fc1");
            assertThat(reached.keySet()).isEqualTo(after.keySet());
            after.forEach((layer, variance) -> assertThat(variance).as(layer)
                    .isBetween(1 - LayerSequentialUnitVariance.TOLERANCE, 1 + LayerSequentialUnitVariance.TOLERANCE));
            // He alone leaves the standardised input's variance far from 1 somewhere: the scaling did work
            assertThat(before.values()).anyMatch(v -> Math.abs(v - 1) > 0.3);
        }
    }
}
