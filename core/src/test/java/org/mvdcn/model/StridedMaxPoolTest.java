package org.mvdcn.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
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
}
