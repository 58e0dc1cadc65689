package org.mvdcn.ood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureDistributionTest {

    /** Ledoit-Wolf computed the long way, in plain loops: the independent reference. */
    private static double[] reference(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        double[][] c = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                c[i][j] = x[i][j] - mean[j];
            }
        }
        double[][] s = new double[d][d];
        for (double[] row : c) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    s[a][b] += row[a] * row[b] / n;
                }
            }
        }
        double mu = 0;
        for (int a = 0; a < d; a++) {
            mu += s[a][a] / d;
        }
        double delta = 0;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double t = s[a][b] - (a == b ? mu : 0);
                delta += t * t / d;
            }
        }
        double beta = 0;
        for (double[] row : c) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    double t = row[a] * row[b] - s[a][b];
                    beta += t * t / ((double) n * n * d);
                }
            }
        }
        return new double[] {Math.min(beta, delta) / delta, mu, s[0][0], s[0][1]};
    }

    @Test
    void theShrinkageIsLedoitWolfsAndTheDistanceIsMahalanobis() {
        Random rng = new Random(7);
        int n = 12;
        int d = 5;
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            double common = rng.nextGaussian();
            for (int j = 0; j < d; j++) {
                x[i][j] = 3 + common * (j + 1) * 0.5 + rng.nextGaussian();
            }
        }
        FeatureDistribution f = FeatureDistribution.fit(x);
        double[] ref = reference(x);
        assertThat(f.shrinkage()).isCloseTo(ref[0], within(1e-9));
        assertThat(f.shrinkage()).isBetween(0.0, 1.0);
        // the distance with the shrunk covariance, checked along one axis: P * Sigma* = I means
        // distance(mean + t e0)^2 = t^2 P[0][0]; and Sigma*[0][0] = (1 - a) S00 + a mu
        double sigma00 = (1 - ref[0]) * ref[2] + ref[0] * ref[1];
        double sigma01 = (1 - ref[0]) * ref[3];
        double[] probe = new double[d];
        for (int j = 0; j < d; j++) {
            probe[j] = f.mean()[j];
        }
        assertThat(f.distance(probe)).isCloseTo(0, within(1e-6));
        // P restricted to the first two axes inverts Sigma* only jointly; check P * Sigma* column 0 instead
        double[] column0 = new double[d];
        double[][] sigma = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double s = 0;
                for (double[] row : x) {
                    s += (row[a] - f.mean()[a]) * (row[b] - f.mean()[b]) / n;
                }
                sigma[a][b] = (1 - ref[0]) * s + (a == b ? ref[0] * ref[1] : 0);
            }
        }
        assertThat(sigma[0][0]).isCloseTo(sigma00, within(1e-6));
        assertThat(sigma[0][1]).isCloseTo(sigma01, within(1e-6));
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                column0[a] += f.precision()[a * d + b] * sigma[b][0];
            }
        }
        assertThat(column0[0]).isCloseTo(1, within(1e-4));
        for (int a = 1; a < d; a++) {
            assertThat(column0[a]).isCloseTo(0, within(1e-4));
        }
        // an exam far along the first axis is far; one at a training exam is not
        double[] far = probe.clone();
        far[0] += 50 * Math.sqrt(sigma00);
        assertThat(f.distance(far)).isGreaterThan(20);
        assertThat(f.distance(x[0])).isLessThan(5);
    }

    @Test
    void fewerExamsThanFeaturesStillGiveAnInvertibleCovariance() {
        Random rng = new Random(3);
        double[][] x = new double[6][40];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        FeatureDistribution f = FeatureDistribution.fit(x);
        assertThat(f.shrinkage()).isGreaterThan(0.1);
        for (float v : f.precision()) {
            assertThat(Float.isFinite(v)).isTrue();
        }
        assertThat(FeatureDistribution.decode(FeatureDistribution.encode(f.mean()))).containsExactly(f.mean());
    }
}
