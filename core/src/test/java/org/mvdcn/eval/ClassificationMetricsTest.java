package org.mvdcn.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    @Test
    void handWorkedAucsWithTies() {
        // positives 0.8, 0.4; negatives 0.4, 0.1: pairs (0.8>0.4) 1, (0.8>0.1) 1, (0.4=0.4) 0.5, (0.4>0.1) 1 -> 3.5/4
        assertThat(RocAuc.auc(new double[] {0.8, 0.4, 0.4, 0.1}, new boolean[] {true, true, false, false})).isEqualTo(0.875);
        // all scores equal: every pair a tie
        assertThat(RocAuc.auc(new double[] {0.3, 0.3, 0.3}, new boolean[] {true, false, false})).isEqualTo(0.5);
        // perfect and inverted
        assertThat(RocAuc.auc(new double[] {1, 2, 3, 4}, new boolean[] {false, false, true, true})).isEqualTo(1.0);
        assertThat(RocAuc.auc(new double[] {1, 2, 3, 4}, new boolean[] {true, true, false, false})).isEqualTo(0.0);
        assertThat(RocAuc.auc(new double[] {1, 2}, new boolean[] {true, true})).isNaN();
    }

    @Test
    void agreesWithThePairwiseCountOnRandomScoresWithManyTies() {
        Random rng = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 5 + rng.nextInt(200);
            double[] s = new double[n];
            boolean[] pos = new boolean[n];
            for (int i = 0; i < n; i++) {
                s[i] = rng.nextInt(7) / 7.0; // coarse scores: ties everywhere
                pos[i] = rng.nextDouble() < 0.3;
            }
            pos[0] = true;
            pos[1] = false;
            assertThat(RocAuc.auc(s, pos)).isCloseTo(PairwiseAuc.of(s, pos), within(1e-12));
        }
    }

    @Test
    void macAucIsTheMeanOfTheOneVersusRestAucs() {
        double[][] p = {{0.7, 0.2, 0.1}, {0.2, 0.5, 0.3}, {0.1, 0.3, 0.6}, {0.3, 0.4, 0.3}, {0.5, 0.1, 0.4}};
        int[] y = {0, 1, 2, 1, 2};
        double[] aucs = ClassificationMetrics.perClassAuc(p, y);
        // class 0: positive 0.7 against 0.2, 0.1, 0.3, 0.5 -> 1; class 1: positives 0.5, 0.4 vs 0.2, 0.3, 0.1 -> 1;
        // class 2: positives 0.6, 0.4 vs 0.1, 0.3, 0.3 -> 1
        assertThat(aucs).containsExactly(1.0, 1.0, 1.0);
        y = new int[] {0, 1, 2, 2, 1};
        aucs = ClassificationMetrics.perClassAuc(p, y);
        assertThat(ClassificationMetrics.macAuc(p, y)).isCloseTo((aucs[0] + aucs[1] + aucs[2]) / 3, within(1e-15));
        // class 1 positives 0.5 (exam 1) and 0.1 (exam 4) vs 0.2, 0.3, 0.4: (3 + 0) / 6
        assertThat(aucs[1]).isEqualTo(0.5);
    }

    @Test
    void cutoffIsTheEntropyAtTheShareRank() {
        double[][] validation = {{0.98, 0.01, 0.01}, {0.4, 0.3, 0.3}, {0.1, 0.8, 0.1}, {1 / 3.0, 1 / 3.0, 1 / 3.0}};
        double[] h = ClassificationMetrics.entropies(validation);
        assertThat(h[3]).isCloseTo(Math.log(3), within(1e-12));
        assertThat(ClassificationMetrics.entropyCutoff(h, 0.5)).as("the 2 most confident: exams 0 and 2").isEqualTo(h[2]);
        assertThat(ClassificationMetrics.entropyCutoff(h, 0.1)).as("at least one exam").isEqualTo(h[0]);
    }

    @Test
    void perClassCutoffsKeepTheClassPrior() {
        // two exams of class 0, four of class 1, two of class 2; entropies rise with the index within each class
        double[][] p = {{0.98, 0.01, 0.01}, {0.6, 0.2, 0.2}, {0.01, 0.98, 0.01}, {0.1, 0.8, 0.1}, {0.2, 0.6, 0.2},
            {0.3, 0.4, 0.3}, {0.01, 0.01, 0.98}, {0.3, 0.3, 0.4}};
        int[] y = {0, 0, 1, 1, 1, 1, 2, 2};
        double[] h = ClassificationMetrics.entropies(p);
        double[] half = ClassificationMetrics.entropyCutoffs(p, y, 0.5);
        // ceil(0.5 * 2) = 1 of classes 0 and 2, ceil(0.5 * 4) = 2 of class 1
        assertThat(half).containsExactly(h[0], h[3], h[6]);
        ClassificationMetrics.Subset kept = ClassificationMetrics.confident(p, y, half);
        assertThat(kept.labels()).containsExactly(0, 1, 1, 2);
        assertThat(java.util.List.of(kept.probabilities())).containsExactly(p[0], p[2], p[3], p[6]);
        // even the top 10% keeps one exam of each class, so its macAUC is defined
        double[] tenth = ClassificationMetrics.entropyCutoffs(p, y, 0.1);
        assertThat(ClassificationMetrics.confident(p, y, tenth).labels()).containsExactly(0, 1, 2);
        // a cut-off applies to its own class only: an exam of class 0 as confident as class 1's cut-off stays out
        double[][] test = {{0.6, 0.2, 0.2}, {0.1, 0.8, 0.1}, {0.2, 0.6, 0.2}};
        assertThat(ClassificationMetrics.confident(test, new int[] {0, 1, 1}, half).labels()).containsExactly(1);
        // a class the set lacks selects none of its exams
        assertThat(ClassificationMetrics.entropyCutoffs(p, new int[] {1, 1, 1, 1, 1, 1, 2, 2}, 0.5)[0]).isNaN();
        assertThat(ClassificationMetrics.confident(test, new int[] {0, 1, 1}, new double[] {Double.NaN, 9, 9}).exams()).isEqualTo(2);
    }

    @Test
    void bootstrapIntervalsContainTheEstimateAndAreRepeatable() {
        Random rng = new Random(8);
        int n = 300;
        double[][] p = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(3);
            double[] logits = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
            logits[y[i]] += 1;
            double z = Math.exp(logits[0]) + Math.exp(logits[1]) + Math.exp(logits[2]);
            p[i] = new double[] {Math.exp(logits[0]) / z, Math.exp(logits[1]) / z, Math.exp(logits[2]) / z};
        }
        ClassificationMetrics.Interval[] ci = ClassificationMetrics.bootstrap(p, y, 500, 1);
        double mac = ClassificationMetrics.macAuc(p, y);
        assertThat(ci[3].low()).isLessThan(mac);
        assertThat(ci[3].high()).isGreaterThan(mac);
        assertThat(ci[3].high() - ci[3].low()).isBetween(0.02, 0.2);
        assertThat(ClassificationMetrics.bootstrap(p, y, 500, 1)[3]).isEqualTo(ci[3]);
    }
}
