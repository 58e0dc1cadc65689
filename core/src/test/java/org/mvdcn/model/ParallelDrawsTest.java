package org.mvdcn.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelDrawsTest {

    /** Three chunks and a partial one: 2 x 700 x 500 values. */
    private static final Shape SHAPE = new Shape(2, 1, 700, 500);

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void noiseIsNormalWithTheGivenSpreadAddedToTheImageAndTheEngineSeedDecidesIt(int seed) throws Exception {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray image = manager.arange(0f, SHAPE.size()).reshape(SHAPE).mod(7f); // small: the sum keeps the noise's bits
            float[] base = image.toFloatArray();
            float[] noisy = drawn(seed, () -> ParallelDraws.addGaussian(image, 0.5f).toFloatArray(), ForkJoinPool.commonPool());
            double sum = 0;
            double squares = 0;
            long beyondTwoSigma = 0;
            for (int i = 0; i < noisy.length; i++) {
                double noise = (double) noisy[i] - base[i];
                sum += noise;
                squares += noise * noise;
                if (Math.abs(noise) > 1.0) {
                    beyondTwoSigma++;
                }
            }
            int n = noisy.length;
            double mean = sum / n;
            double sd = Math.sqrt(squares / n - mean * mean);
            // 700k draws: the mean's standard error is 6e-4, the standard deviation's 4.2e-4
            assertThat(mean).isBetween(-0.003, 0.003);
            assertThat(sd).isBetween(0.497, 0.503);
            // a normal's share beyond 2 sigma is 0.0455; its standard error here 2.5e-4
            assertThat((double) beyondTwoSigma / n).isBetween(0.0443, 0.0467);

            float[] again = drawn(seed, () -> ParallelDraws.addGaussian(image, 0.5f).toFloatArray(), new ForkJoinPool(1));
            assertThat(again).as("same engine seed, one thread instead of the pool").isEqualTo(noisy);
            float[] otherSeed = drawn(seed + 100, () -> ParallelDraws.addGaussian(image, 0.5f).toFloatArray(), ForkJoinPool.commonPool());
            assertThat(otherSeed).isNotEqualTo(noisy);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void keepScaleIsOneOverKeepWithProbabilityKeepElseZeroAndChunksDrawDifferentValues(int seed) throws Exception {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            float[] scale = drawn(seed, () -> ParallelDraws.keepScale(manager, SHAPE, 0.8f, Device.cpu()).toFloatArray(), ForkJoinPool.commonPool());
            long kept = 0;
            long other = 0;
            for (float v : scale) {
                if (v == 1.25f) {
                    kept++;
                } else if (v != 0) {
                    other++;
                }
            }
            assertThat(other).as("values neither 0 nor 1 / keep").isZero();
            // 700k draws: the kept share's standard error is 4.8e-4
            assertThat((double) kept / scale.length).isBetween(0.7976, 0.8024);
            int chunk = 1 << 18;
            float[] first = java.util.Arrays.copyOfRange(scale, 0, 1000);
            float[] second = java.util.Arrays.copyOfRange(scale, chunk, chunk + 1000);
            assertThat(second).as("the second chunk's generator is not the first's").isNotEqualTo(first);

            float[] again = drawn(seed, () -> ParallelDraws.keepScale(manager, SHAPE, 0.8f, Device.cpu()).toFloatArray(), new ForkJoinPool(1));
            assertThat(again).isEqualTo(scale);
        }
    }

    private static float[] drawn(int seed, Supplier<float[]> draw, ForkJoinPool pool) throws Exception {
        Engine.getInstance().setRandomSeed(seed);
        return pool.submit(draw::get).get();
    }
}
