package org.mvdcn.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.junit.jupiter.api.Test;
import org.mvdcn.weights.NetworkWeights;

class ViewColumnTest {

    @Test
    void bandedConvolutionEqualsTheWholeMap() {
        Engine.getInstance().setRandomSeed(9);
        ColumnLayout layout = ColumnLayout.forInput(262, 203, 0.25);
        try (NDManager manager = NDManager.newBaseManager()) {
            ViewColumn whole = new ViewColumn(layout, 0f, Long.MAX_VALUE);
            ViewColumn banded = new ViewColumn(layout, 0f, 500); // conv1's 8x130x101 map -> 43 bands
            Shape shape = new Shape(2, 1, 262, 203);
            whole.initialize(manager, DataType.FLOAT32, shape);
            banded.initialize(manager, DataType.FLOAT32, shape);
            for (int i = 0; i < layout.convs().size(); i++) {
                NetworkWeights.copyInto(banded.weight(i).getArray(), whole.weight(i).getArray().toFloatArray());
                NetworkWeights.copyInto(banded.bias(i).getArray(), manager.randomUniform(-0.1f, 0.1f, banded.bias(i).getShape()).toFloatArray());
                NetworkWeights.copyInto(whole.bias(i).getArray(), banded.bias(i).getArray().toFloatArray());
            }
            NDArray x = manager.randomNormal(shape);
            ParameterStore store = new ParameterStore(manager, false);
            float[] expected = whole.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
            float[] actual = banded.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
            // bands may reach oneDNN with other blockings, so sums can round differently: float tolerance
            double diff = 0;
            double scale = 0;
            for (int i = 0; i < expected.length; i++) {
                diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
                scale = Math.max(scale, Math.abs(expected[i]));
            }
            assertThat(actual).hasSameSizeAs(expected);
            assertThat(scale).isPositive();
            assertThat(diff / scale).isLessThan(1e-5);
        }
    }

    @Test
    void checkpointedFirstBlockBandByBandGivesTheRecordedPassesGradients() {
        Engine.getInstance().setRandomSeed(4);
        ColumnLayout layout = ColumnLayout.forInput(262, 203, 0.25);
        try (NDManager manager = NDManager.newBaseManager()) {
            ViewColumn column = new ViewColumn(layout, 0f, 500); // conv1's map in 43 bands
            Shape shape = new Shape(2, 1, 262, 203);
            column.initialize(manager, DataType.FLOAT32, shape);
            NDArray x = manager.randomNormal(shape);
            NDArray weighting = manager.randomNormal(new Shape(2, layout.featureChannels()));
            ParameterStore store = new ParameterStore(manager, false);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(column.forward(store, new NDList(x), true).singletonOrThrow().mul(weighting).sum());
            }
            float[][] recorded = new float[layout.convs().size() * 2][];
            for (int i = 0; i < layout.convs().size(); i++) {
                recorded[2 * i] = takeGradient(column.weight(i).getArray());
                recorded[2 * i + 1] = takeGradient(column.bias(i).getArray());
            }
            try (StemCheckpoints stems = new StemCheckpoints(TrainingLayout.CHANNELS_LAST);
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                PairList<String, Object> params = new PairList<>();
                stems.addTo(params);
                collector.backward(column.forward(store, new NDList(x), true, params).singletonOrThrow().mul(weighting).sum());
                stems.backward();
            }
            for (int i = 0; i < layout.convs().size(); i++) {
                float[] weight = column.weight(i).getArray().getGradient().toFloatArray();
                float[] bias = column.bias(i).getArray().getGradient().toFloatArray();
                for (float[][] pair : new float[][][] {{recorded[2 * i], weight}, {recorded[2 * i + 1], bias}}) {
                    assertThat(MultiViewNetworkTest.maxAbs(pair[0])).as(layout.convs().get(i).name()).isPositive();
                    assertThat(MultiViewNetworkTest.maxAbsDifference(pair[1], pair[0]) / MultiViewNetworkTest.maxAbs(pair[0]))
                            .as(layout.convs().get(i).name()).isLessThan(1e-4);
                }
            }
        }
    }

    /** The gradient's values; the gradient is zeroed for the next pass. */
    private static float[] takeGradient(NDArray parameter) {
        NDArray g = parameter.getGradient();
        float[] values = g.toFloatArray();
        g.subi(g);
        return values;
    }

    @Test
    void channelsLastWeightsKeepValuesAndPassGradientsToTheParameter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (long in : new long[] {1, 5}) {
                NDArray w = manager.randomNormal(new Shape(4, in, 3, 3));
                w.setRequiresGradient(true);
                NDArray probe = manager.randomNormal(new Shape(4, in, 3, 3));
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray cl = ViewColumn.channelsLast(w);
                    assertThat(cl.getShape()).isEqualTo(w.getShape());
                    assertThat(cl.contentEquals(w)).isTrue();
                    collector.backward(cl.mul(probe).sum());
                }
                assertThat(w.getGradient().contentEquals(probe)).isTrue();
            }
        }
    }

    @Test
    void maxPoolEqualsMaximaOverEachWindow() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(new Shape(1, 2, 7, 8));
            float[] v = x.toFloatArray();
            float[] pooled = ViewColumn.maxPool(x, 3).toFloatArray(); // floor mode: 2 x 2 windows per channel
            assertThat(pooled).hasSize(2 * 2 * 2);
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 2; j++) {
                        float max = Float.NEGATIVE_INFINITY;
                        for (int di = 0; di < 3; di++) {
                            for (int dj = 0; dj < 3; dj++) {
                                max = Math.max(max, v[c * 56 + (3 * i + di) * 8 + 3 * j + dj]);
                            }
                        }
                        assertThat(pooled[c * 4 + i * 2 + j]).isEqualTo(max);
                    }
                }
            }
        }
    }
}
