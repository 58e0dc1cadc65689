package org.mvdcn.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PairedBootstrapTest {

    @Test
    void threeExamsOnePerClassGiveOneDifferenceOnEveryResampleThatKeepsAllClasses() {
        // a resample keeps all three classes only when it draws each exam once (3!/27 = 2/9 of them); then A
        // ranks every class perfectly (macAUC 1) and B, uniform, ties everything (macAUC 0.5): the difference is 0.5 always
        double[][] a = {{0.8, 0.1, 0.1}, {0.1, 0.8, 0.1}, {0.1, 0.1, 0.8}};
        double[][] b = {{1 / 3.0, 1 / 3.0, 1 / 3.0}, {1 / 3.0, 1 / 3.0, 1 / 3.0}, {1 / 3.0, 1 / 3.0, 1 / 3.0}};
        PairedBootstrap.Result r = PairedBootstrap.compare(a, b, new int[] {0, 1, 2}, 900, 5);
        assertThat(r.difference()).isEqualTo(0.5);
        assertThat(r.interval()).isEqualTo(new ClassificationMetrics.Interval(0.5, 0.5));
        assertThat(r.p()).as("no resample reaches 0").isZero();
        assertThat(r.exams()).isEqualTo(3);
        assertThat(r.rounds()).isEqualTo(900);
        // binomial(900, 7/9): mean 700, sd 12.5
        assertThat(r.skipped()).isBetween(640, 760);
        assertThat(r.aBetter()).isTrue();
        assertThat(r.bBetter()).isFalse();
    }

    @Test
    void identicalPredictionsShowNoDifference() {
        Cohort c = cohort(200, 2.0, 0.0, 11);
        PairedBootstrap.Result r = PairedBootstrap.compare(c.a, c.a.clone(), c.labels, 500, 1);
        assertThat(r.difference()).isZero();
        assertThat(r.interval()).isEqualTo(new ClassificationMetrics.Interval(0, 0));
        assertThat(r.p()).isEqualTo(1.0);
        assertThat(r.aBetter()).isFalse();
        assertThat(r.bBetter()).isFalse();
    }

    @Test
    void aClearlyBetterModelOnAFewHundredExamsHasAnIntervalExcludingZero() {
        Cohort c = cohort(300, 2.0, 0.3, 7);
        PairedBootstrap.Result r = PairedBootstrap.compare(c.a, c.b, c.labels, 1000, 3);
        assertThat(r.difference()).isGreaterThan(0.1);
        assertThat(r.interval().low()).isGreaterThan(0);
        assertThat(r.p()).isLessThan(0.05);
        assertThat(r.skipped()).isZero();
        assertThat(r.aBetter()).isTrue();

        // the same draws with the roles swapped: every difference negated, so the interval mirrors and p stays
        PairedBootstrap.Result swapped = PairedBootstrap.compare(c.b, c.a, c.labels, 1000, 3);
        assertThat(swapped.difference()).isEqualTo(-r.difference());
        assertThat(swapped.interval().low()).isCloseTo(-r.interval().high(), within(1e-12));
        assertThat(swapped.interval().high()).isCloseTo(-r.interval().low(), within(1e-12));
        assertThat(swapped.p()).isEqualTo(r.p());
        assertThat(swapped.bBetter()).isTrue();
    }

    @Test
    void agreesWithAnIndependentPairwiseComputationOfTheSameResamples() {
        Cohort c = cohort(40, 0.7, 0.4, 21);
        int rounds = 300;
        long seed = 9;
        // macAUC, then each class against the others, each by O(n^2) pair counting
        List<PairedBootstrap.Measure> measures = List.of(PairedBootstrap.Measure.MAC_AUC, PairedBootstrap.Measure.auc(0),
                PairedBootstrap.Measure.auc(1), PairedBootstrap.Measure.auc(2));
        List<java.util.function.ToDoubleBiFunction<double[][], int[]>> byHand = List.of(PairedBootstrapTest::pairwiseMacAuc,
                (p, y) -> PairwiseAuc.ofClass(p, y, 0), (p, y) -> PairwiseAuc.ofClass(p, y, 1), (p, y) -> PairwiseAuc.ofClass(p, y, 2));
        for (int m = 0; m < measures.size(); m++) {
            PairedBootstrap.Result r = PairedBootstrap.compare(c.a, c.b, c.labels, measures.get(m), rounds, seed);
            assertIndependentlyEqual(r, c, byHand.get(m), m == 0 ? List.of(0, 1, 2) : List.of(m - 1), rounds, seed);
        }
        assertThat(PairedBootstrap.compare(c.a, c.b, c.labels, rounds, seed)).as("macAUC unless told")
                .isEqualTo(PairedBootstrap.compare(c.a, c.b, c.labels, PairedBootstrap.Measure.MAC_AUC, rounds, seed));
        assertThat(PairedBootstrap.Measure.auc(0).name()).isEqualTo("0 vs. others");
    }

    /** The documented procedure by hand: a resample lacking one of {@code needed}, or all of the others, is skipped. */
    private static void assertIndependentlyEqual(PairedBootstrap.Result r, Cohort c, java.util.function.ToDoubleBiFunction<double[][], int[]> measure,
            List<Integer> needed, int rounds, long seed) {
        Random rng = new Random(seed);
        int n = c.labels.length;
        List<Double> differences = new ArrayList<>();
        int skipped = 0;
        for (int round = 0; round < rounds; round++) {
            int[] draw = IntStream.range(0, n).map(i -> rng.nextInt(n)).toArray();
            int[] y = Arrays.stream(draw).map(j -> c.labels[j]).toArray();
            boolean lacks = needed.stream().anyMatch(k -> Arrays.stream(y).noneMatch(v -> v == k)
                    || Arrays.stream(y).allMatch(v -> v == k));
            if (lacks) {
                skipped++;
                continue;
            }
            double[][] pa = Arrays.stream(draw).mapToObj(j -> c.a[j]).toArray(double[][]::new);
            double[][] pb = Arrays.stream(draw).mapToObj(j -> c.b[j]).toArray(double[][]::new);
            differences.add(measure.applyAsDouble(pa, y) - measure.applyAsDouble(pb, y));
        }
        Collections.sort(differences);
        int m = differences.size();
        long below = differences.stream().filter(d -> d <= 0).count();
        long above = differences.stream().filter(d -> d >= 0).count();
        assertThat(r.skipped()).isEqualTo(skipped);
        assertThat(r.difference()).isCloseTo(measure.applyAsDouble(c.a, c.labels) - measure.applyAsDouble(c.b, c.labels), within(1e-12));
        assertThat(r.interval().low()).isCloseTo(interpolated(differences, 0.025 * (m - 1)), within(1e-12));
        assertThat(r.interval().high()).isCloseTo(interpolated(differences, 0.975 * (m - 1)), within(1e-12));
        assertThat(r.p()).isCloseTo(Math.min(1.0, 2.0 * Math.min(below, above) / m), within(1e-12));
    }

    @Test
    void aGainInOneClassShowsInThatClassesComparison() {
        // A and B share every logit but BI-RADS 0's, where A carries evidence on the BI-RADS 0 exams and B none
        int n = 300;
        int[] y = SyntheticScores.labels(n);
        Random rng = new Random(3);
        double[][] a = new double[n][];
        double[][] b = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] shared = {rng.nextGaussian(), rng.nextGaussian() + (y[i] == 1 ? 1 : 0), rng.nextGaussian() + (y[i] == 2 ? 1 : 0)};
            double withEvidence = shared[0] + (y[i] == 0 ? 2 : 0);
            a[i] = softmax(withEvidence, shared[1], shared[2]);
            b[i] = softmax(shared[0], shared[1], shared[2]);
        }
        PairedBootstrap.Result zero = PairedBootstrap.compare(a, b, y, PairedBootstrap.Measure.auc(0), 500, 1);
        assertThat(zero.difference()).isCloseTo(PairwiseAuc.ofClass(a, y, 0) - PairwiseAuc.ofClass(b, y, 0), within(1e-12))
                .isGreaterThan(0.2);
        assertThat(zero.aBetter()).isTrue();
    }

    private static double[] softmax(double... logits) {
        double sum = Arrays.stream(logits).map(Math::exp).sum();
        return Arrays.stream(logits).map(l -> Math.exp(l) / sum).toArray();
    }

    @Test
    void pairsExamsByIdWhateverTheirOrderInEachFile() {
        Cohort c = cohort(120, 1.5, 0.5, 4);
        List<String> ids = IntStream.range(0, c.labels.length).mapToObj(i -> "exam-" + i).toList();
        List<Integer> order = new ArrayList<>(IntStream.range(0, c.labels.length).boxed().toList());
        Collections.shuffle(order, new Random(2));
        PredictionsFile.ScoredExams b = new PredictionsFile.ScoredExams(order.stream().map(ids::get).toList(),
                order.stream().map(i -> c.b[i]).toArray(double[][]::new), order.stream().mapToInt(i -> c.labels[i]).toArray());
        PairedBootstrap.Result r = PairedBootstrap.compare(new PredictionsFile.ScoredExams(ids, c.a, c.labels), b, 400, 8);
        assertThat(r).isEqualTo(PairedBootstrap.compare(c.a, c.b, c.labels, 400, 8));
    }

    @Test
    void refusesExamSetsThatDifferOrDisagreeOnLabels() {
        double[][] p = {{0.6, 0.2, 0.2}, {0.2, 0.6, 0.2}, {0.2, 0.2, 0.6}};
        int[] y = {0, 1, 2};
        PredictionsFile.ScoredExams a = new PredictionsFile.ScoredExams(List.of("e1", "e2", "e3"), p, y);
        assertThatThrownBy(() -> PairedBootstrap.compare(a, new PredictionsFile.ScoredExams(List.of("e1", "e2", "e4"), p, y), 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the two settings scored different test exams: 1 only in the first (e3), 1 only in the second (e4)");
        assertThatThrownBy(() -> PairedBootstrap.compare(a, new PredictionsFile.ScoredExams(List.of("e1", "e2"),
                Arrays.copyOf(p, 2), new int[] {0, 1}), 10, 1)).hasMessageContaining("1 only in the first (e3), 0 only in the second");
        assertThatThrownBy(() -> PairedBootstrap.compare(a, new PredictionsFile.ScoredExams(List.of("e1", "e2", "e3"), p,
                new int[] {0, 2, 2}), 10, 1)).hasMessage("exam e2 has label 1 in the first and 2 in the second");
        assertThatThrownBy(() -> PairedBootstrap.compare(a, new PredictionsFile.ScoredExams(List.of("e1", "e1", "e3"), p, y), 10, 1))
                .hasMessage("exam e1 appears twice in the second setting's predictions");
    }

    /** Two models on the same exams: A's true class carries {@code signalA} of evidence, B's {@code signalB}. */
    private record Cohort(int[] labels, double[][] a, double[][] b) {}

    private static Cohort cohort(int n, double signalA, double signalB, long seed) {
        Random rng = new Random(seed);
        int[] y = SyntheticScores.labels(n);
        return new Cohort(y, SyntheticScores.probabilities(y, signalA, rng), SyntheticScores.probabilities(y, signalB, rng));
    }

    private static double pairwiseMacAuc(double[][] p, int[] y) {
        return (PairwiseAuc.ofClass(p, y, 0) + PairwiseAuc.ofClass(p, y, 1) + PairwiseAuc.ofClass(p, y, 2)) / 3;
    }

    private static double interpolated(List<Double> sorted, double position) {
        int below = (int) position;
        double above = below + 1 < sorted.size() ? sorted.get(below + 1) : sorted.get(below);
        return sorted.get(below) + (position - below) * (above - sorted.get(below));
    }
}
