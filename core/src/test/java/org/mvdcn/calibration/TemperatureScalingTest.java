package org.mvdcn.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TemperatureScalingTest {

    /** Cross-entropy of the crop-averaged softmax written out plainly: exp, sum, average, log. */
    private static double plainNll(double[][][] logits, int[] labels, double t) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double p = 0;
            for (double[] z : logits[i]) {
                double norm = 0;
                for (double v : z) {
                    norm += Math.exp(v / t);
                }
                p += Math.exp(z[labels[i]] / t) / norm / logits[i].length;
            }
            sum -= Math.log(p);
        }
        return sum / labels.length;
    }

    /** Exams of {@code crops} crop sets whose logits lean towards their label by {@code signal}, with noise. */
    private static double[][][] logits(Random rng, int[] labels, int crops, double signal, double noise) {
        double[][][] z = new double[labels.length][crops][3];
        for (int i = 0; i < labels.length; i++) {
            double[] exam = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
            for (int c = 0; c < crops; c++) {
                for (int k = 0; k < 3; k++) {
                    z[i][c][k] = noise * (exam[k] + 0.3 * rng.nextGaussian()) + (k == labels[i] ? signal : 0);
                }
            }
        }
        return z;
    }

    @Test
    void probabilitiesAverageTheSoftmaxOfTheScaledLogitsOverCrops() {
        // crop 1: (0, 0, 0) -> (1/3, 1/3, 1/3); crop 2: (ln 4, 0, 0) / 2 = (ln 2, 0, 0) -> (1/2, 1/4, 1/4)
        double[][][] z = {{{0, 0, 0}, {Math.log(4), 0, 0}}};
        double[] p = TemperatureScaling.probabilities(z, 2)[0];
        assertThat(p[0]).isCloseTo(5.0 / 12, within(1e-15));
        assertThat(p[1]).isCloseTo(7.0 / 24, within(1e-15));
        assertThat(p[2]).isCloseTo(7.0 / 24, within(1e-15));
        assertThat(TemperatureScaling.nll(z, new int[] {0}, 2)).isCloseTo(-Math.log(5.0 / 12), within(1e-15));
    }

    @Test
    void crossEntropyStaysFiniteWhereTheProbabilityUnderflows() {
        // P(label 1) = e^-1000 / (1 + 2 e^-1000): 0 in double, its logarithm is not
        double[][][] z = {{{1000, 0, 0}}};
        assertThat(TemperatureScaling.probabilities(z, 1)[0][1]).isZero();
        assertThat(TemperatureScaling.nll(z, new int[] {1}, 1)).isCloseTo(1000, within(1e-9));
    }

    @Test
    void theFitIsTheMinimumOfABruteForceGrid() {
        Random rng = new Random(3);
        int[] labels = rng.ints(300, 0, 3).toArray();
        double[][][] z = logits(rng, labels, 4, 1.5, 2.5); // overconfident: the best T is above 1
        double fitted = TemperatureScaling.fit(z, labels);

        double lo = Math.log(TemperatureScaling.LOWEST);
        double hi = Math.log(TemperatureScaling.HIGHEST);
        int points = 20_000;
        double step = (hi - lo) / points;
        double bestT = Double.NaN;
        double best = Double.POSITIVE_INFINITY;
        for (int g = 0; g <= points; g++) {
            double t = Math.exp(lo + g * step);
            double nll = plainNll(z, labels, t);
            if (nll < best) {
                best = nll;
                bestT = t;
            }
        }
        assertThat(bestT).isGreaterThan(1.2);
        assertThat(Math.log(fitted)).isCloseTo(Math.log(bestT), within(step));
        assertThat(plainNll(z, labels, fitted)).isLessThanOrEqualTo(best + 1e-12);
        assertThat(TemperatureScaling.nll(z, labels, fitted)).isCloseTo(plainNll(z, labels, fitted), within(1e-12));
    }

    @Test
    void labelsDrawnAtAKnownTemperatureGiveItBack() {
        for (double truth : new double[] {0.5, 2.5}) {
            Random rng = new Random(11);
            int n = 20_000;
            double[][][] z = new double[n][1][3];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 3; k++) {
                    z[i][0][k] = 2 * rng.nextGaussian();
                }
                // the label drawn from softmax(z / truth): truth is the temperature that makes the model right
                double[] p = TemperatureScaling.probabilities(new double[][][] {z[i]}, truth)[0];
                double u = rng.nextDouble();
                labels[i] = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
            }
            assertThat(TemperatureScaling.fit(z, labels)).as("T for labels drawn at %s", truth).isCloseTo(truth, within(0.06 * truth));
        }
    }

    @Test
    void calibratingNeverRaisesTheCrossEntropyAndRecordsBothSides() throws Exception {
        Random rng = new Random(5);
        int[] labels = rng.ints(200, 0, 3).toArray();
        double[][][] z = logits(rng, labels, 3, 1.0, 4.0);
        Calibration c = TemperatureScaling.calibrate(z, labels);
        assertThat(c.exams()).isEqualTo(200);
        assertThat(c.crops()).isEqualTo(3);
        assertThat(c.nllBefore()).isCloseTo(plainNll(z, labels, 1), within(1e-12));
        assertThat(c.nllAfter()).isCloseTo(plainNll(z, labels, c.temperature()), within(1e-12)).isLessThan(c.nllBefore());
        assertThat(c.eceBefore()).isCloseTo(CalibrationMetrics.ece(TemperatureScaling.probabilities(z, 1), labels), within(1e-15));
        assertThat(c.eceAfter()).isLessThan(c.eceBefore());
        assertThat(Calibration.fromJson(c.toJson())).isEqualTo(c);
        assertThat(c.toJson()).contains("\"temperature\":", "\"validation_nll_before\":", "\"validation_ece_after\":");
    }
}
