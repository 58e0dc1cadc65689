package org.mvdcn.ood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IntensitySharesTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void sharesAboveEachEdgeMatchACountOfEveryValueWithTiesNanAndTailsAcrossChunks(int seed) {
        double[] edges = ImageStatisticsProbe.INPUT_EDGES;
        int batch = 2;
        int pixels = 300 * 1000; // two chunks an exam, the second partial
        float[] values = new float[batch * pixels];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < values.length; i++) {
            double pick = random.nextDouble();
            values[i] = pick < 0.1 ? (float) edges[random.nextInt(edges.length)] // exactly on an edge: not above it
                    : pick < 0.11 ? Float.NaN
                    : pick < 0.12 ? (random.nextBoolean() ? 1e6f : -1e6f)
                    : (float) (random.nextGaussian() * 1.5);
        }
        double[][] shares;
        try (NDManager manager = NDManager.newBaseManager()) {
            shares = new IntensityShares(edges).of(manager.create(values, new Shape(batch, 1, 300, 1000)), batch);
        }
        for (int b = 0; b < batch; b++) {
            for (int e = 0; e < edges.length; e++) {
                long above = 0;
                for (int i = b * pixels; i < (b + 1) * pixels; i++) {
                    if (values[i] > edges[e]) {
                        above++;
                    }
                }
                assertThat(shares[b][e]).as("exam %d, edge %s", b, edges[e]).isEqualTo((double) above / pixels);
            }
        }
    }

    @Test
    void edgesOffTheQuarterGridAreRefused() {
        assertThatThrownBy(() -> new IntensityShares(new double[] {0, 0.3})).hasMessageContaining("grid of 1/4").hasMessageContaining("0.3");
        assertThatThrownBy(() -> new IntensityShares(new double[] {0, 1, 0.5})).hasMessageContaining("rise");
    }
}
