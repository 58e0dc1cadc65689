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
import org.junit.jupiter.api.Test;

class ViewColumnTest {

    @Test
    void bandedConvolutionEqualsTheWholeMapInValueAndGradient() {
        Engine.getInstance().setRandomSeed(9);
        ColumnLayout layout = ColumnLayout.forInput(262, 203, 0.25);
        try (NDManager manager = NDManager.newBaseManager()) {
            ViewColumn whole = new ViewColumn(layout, 0f, Long.MAX_VALUE);
            ViewColumn banded = new ViewColumn(layout, 0f, 500); // conv1's 8x130x101 map -> 43 bands
            Shape shape = new Shape(2, 1, 262, 203);
            whole.initialize(manager, DataType.FLOAT32, shape);
            banded.initialize(manager, DataType.FLOAT32, shape);
            for (int i = 0; i < layout.convs().size(); i++) {
                banded.weight(i).getArray().set(whole.weight(i).getArray().toFloatArray());
                banded.bias(i).getArray().set(manager.randomUniform(-0.1f, 0.1f, banded.bias(i).getShape()).toFloatArray());
                whole.bias(i).getArray().set(banded.bias(i).getArray().toFloatArray());
            }
            NDArray x = manager.randomNormal(shape);
            float[][] features = new float[2][];
            float[][] gradients = new float[2][];
            ViewColumn[] columns = {whole, banded};
            for (int c = 0; c < 2; c++) {
                NDArray input = x.duplicate();
                input.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray out = columns[c].forward(new ParameterStore(manager, false), new NDList(input), false).singletonOrThrow();
                    features[c] = out.toFloatArray();
                    gc.backward(out.sum());
                }
                gradients[c] = input.getGradient().toFloatArray();
            }
            // bands may reach oneDNN with other blockings, so sums can round differently: float tolerance
            assertThat(maxRelativeDifference(features[1], features[0])).isLessThan(1e-5);
            assertThat(maxRelativeDifference(gradients[1], gradients[0])).isLessThan(1e-5);
        }
    }

    /** max |a - b| relative to max |b|. */
    private static double maxRelativeDifference(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        assertThat(scale).isPositive();
        return diff / scale;
    }
}
