package org.mvdcn.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
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
}
