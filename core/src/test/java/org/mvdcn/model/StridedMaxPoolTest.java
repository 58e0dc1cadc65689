package org.mvdcn.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.engine.Engine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StridedMaxPoolTest {

    @ParameterizedTest(name = "{0}x{1} pooled by {2}")
    @CsvSource({"1299, 999, 3", "100, 76, 2", "45, 34, 2", "7, 11, 3", "5, 2, 2"})
    void equalsLibtorchsMaxPool(int h, int w, int k) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(new Shape(2, 3, h, w));
            Shape kernel = new Shape(k, k);
            NDArray expected = Pool.maxPool2d(x, kernel, kernel, new Shape(0, 0), false);
            NDArray actual = StridedMaxPool.apply(x, k);
            assertThat(actual.getShape()).isEqualTo(expected.getShape());
            assertThat(actual.contentEquals(expected)).isTrue();
        }
    }

    @ParameterizedTest(name = "gradient {0}x{1} by {2}, ties {3}")
    @CsvSource({"12, 9, 3, false", "8, 7, 2, false", "12, 9, 3, true", "8, 7, 2, true"})
    void gradientGoesWhereMaxPoolSendsIt(int h, int w, int k, boolean ties) {
        try (NDManager manager = NDManager.newBaseManager()) {
            // with ties: values from {0, 1, 2} only, like a constant background, so windows hold equal maxima
            NDArray x = ties
                    ? manager.randomInteger(0, 3, new Shape(1, 2, h, w), ai.djl.ndarray.types.DataType.INT32).toType(
                            ai.djl.ndarray.types.DataType.FLOAT32, false)
                    : manager.randomNormal(new Shape(1, 2, h, w));
            NDArray viaPool = x.duplicate();
            NDArray viaMaxima = x.duplicate();
            viaPool.setRequiresGradient(true);
            viaMaxima.setRequiresGradient(true);
            Shape kernel = new Shape(k, k);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(Pool.maxPool2d(viaPool, kernel, kernel, new Shape(0, 0), false).sum());
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(StridedMaxPool.apply(viaMaxima, k).sum());
            }
            float[] expected = viaPool.getGradient().toFloatArray();
            assertThat(viaMaxima.getGradient().toFloatArray()).containsExactly(expected);
        }
    }
}
