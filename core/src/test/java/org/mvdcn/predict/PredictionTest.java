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

    @Test
    void confidentEntropiesAreNotFlooredByTheRoundedTopProbability() {
        // ten crops averaged as evaluation does: 0.1 x (1 - tiny) ten times sums to 1 - 2^-53, not to 1
        double[] sure = averagedOverTenCrops(1e-20, 2e-20);
        double[] surer = averagedOverTenCrops(1e-30, 2e-30);
        assertThat(sure[0]).isEqualTo(surer[0]).isLessThan(1.0);
        // -(1 - r) ln(1 - r) = r to first order, r = the others' total
        double expected = 1e-20 * -Math.log(1e-20) + 2e-20 * -Math.log(2e-20) + 3e-20;
        assertThat(Prediction.entropy(sure)).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(0.01));
        assertThat(Prediction.entropy(surer)).as("more confident, lower entropy").isLessThan(Prediction.entropy(sure) / 1e9);
    }

    private static double[] averagedOverTenCrops(double a, double b) {
        double[] p = new double[3];
        for (int crop = 0; crop < 10; crop++) {
            p[0] += (1 - a - b) / 10;
            p[1] += a / 10;
            p[2] += b / 10;
        }
        return p;
    }
}
