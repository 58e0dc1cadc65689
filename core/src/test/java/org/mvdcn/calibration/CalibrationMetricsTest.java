package org.mvdcn.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationMetricsTest {

    @Test
    void eceOfASmallCaseComputedByHand() {
        double[][] p = {
            {0.90, 0.05, 0.05}, // confidence 0.90 in bin 13 (0.867, 0.933], right
            {0.10, 0.85, 0.05}, // 0.85 in bin 12 (0.8, 0.867], predicts 1, label 0: wrong
            {0.50, 0.30, 0.20}, // 0.50 in bin 7 (0.467, 0.533], right
            {0.20, 0.45, 0.35}, // 0.45 in bin 6 (0.4, 0.467], predicts 1, label 2: wrong
            {0.88, 0.10, 0.02}, // 0.88 in bin 13, label 2: wrong
        };
        int[] labels = {0, 0, 0, 2, 2};
        // bin 13: 2 exams, confidence 0.89, accuracy 0.5; the others one exam each
        double expected = 2.0 / 5 * Math.abs(0.5 - 0.89) + 1.0 / 5 * 0.85 + 1.0 / 5 * 0.5 + 1.0 / 5 * 0.45;
        assertThat(CalibrationMetrics.ece(p, labels)).isCloseTo(expected, within(1e-12)).isCloseTo(0.516, within(1e-12));

        List<CalibrationMetrics.Bin> bins = CalibrationMetrics.reliability(p, labels);
        assertThat(bins).hasSize(15);
        CalibrationMetrics.Bin b13 = bins.get(13);
        assertThat(b13.lower()).isCloseTo(13.0 / 15, within(1e-15));
        assertThat(b13.upper()).isCloseTo(14.0 / 15, within(1e-15));
        assertThat(b13.exams()).isEqualTo(2);
        assertThat(b13.confidence()).isCloseTo(0.89, within(1e-12));
        assertThat(b13.accuracy()).isEqualTo(0.5);
        assertThat(bins.stream().mapToInt(CalibrationMetrics.Bin::exams).toArray())
                .containsExactly(0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 2, 0);
    }

    @Test
    void brierScorePerClassComputedByHand() {
        double[][] p = {{0.7, 0.2, 0.1}, {0.2, 0.5, 0.3}};
        int[] labels = {0, 2};
        // class 0: ((0.7 - 1)^2 + 0.2^2) / 2; class 1: (0.2^2 + 0.5^2) / 2; class 2: (0.1^2 + (0.3 - 1)^2) / 2
        assertThat(CalibrationMetrics.brier(p, labels)).containsExactly(new double[] {0.065, 0.145, 0.25}, within(1e-12));
    }

    @Test
    void probabilitiesTheLabelsAreDrawnFromHaveAlmostNoCalibrationError() {
        Random rng = new Random(2);
        int n = 60_000;
        double[][] p = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double a = rng.nextDouble();
            double b = rng.nextDouble() * (1 - a);
            p[i] = new double[] {a, b, 1 - a - b};
            double u = rng.nextDouble();
            labels[i] = u < a ? 0 : u < a + b ? 1 : 2;
        }
        assertThat(CalibrationMetrics.ece(p, labels)).isLessThan(0.01);
        // the same probabilities claimed with more confidence than they have: ECE grows
        double[][] sharp = TemperatureScaling.probabilities(logOf(p), 0.5);
        assertThat(CalibrationMetrics.ece(sharp, labels)).isGreaterThan(0.05);
    }

    private static double[][][] logOf(double[][] p) {
        double[][][] z = new double[p.length][1][3];
        for (int i = 0; i < p.length; i++) {
            for (int k = 0; k < 3; k++) {
                z[i][0][k] = Math.log(Math.max(p[i][k], 1e-300));
            }
        }
        return z;
    }
}
