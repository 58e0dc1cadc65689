package org.mvdcn.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PredictionTest {

    @Test
    void entropyIsInNatsAndTreatsZeroAsZero() {
        assertThat(Prediction.entropy(new double[] {1, 0, 0})).isZero();
        assertThat(Prediction.entropy(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0})).isCloseTo(Math.log(3), within(1e-12));
        // hand-worked: -(0.5 ln 0.5 + 0.25 ln 0.25 * 2) = 1.5 ln 2
        assertThat(Prediction.entropy(new double[] {0.5, 0.25, 0.25})).isCloseTo(1.5 * Math.log(2), within(1e-12));
    }
}
