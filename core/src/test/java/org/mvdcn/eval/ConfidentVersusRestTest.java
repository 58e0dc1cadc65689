package org.mvdcn.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConfidentVersusRestTest {

    @Test
    void theObservedMacAucsAreThoseOfTheConfidentExamsAndOfTheOthersCountedByHand() {
        Random rng = new Random(4);
        int[] y = SyntheticScores.labels(150);
        double[][] p = SyntheticScores.probabilities(y, 1.2, rng);
        double[] cutoffs = ClassificationMetrics.entropyCutoffs(p, y, 0.3);
        ConfidentVersusRest.Outcome o = ConfidentVersusRest.compare(p, y, y, cutoffs, 200, 7);

        // membership by the same entropies (an exam at its cut-off must not flip on the last bit); the AUCs by hand
        double[] h = ClassificationMetrics.entropies(p);
        boolean[] confident = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
            confident[i] = h[i] <= cutoffs[y[i]];
        }
        assertThat(o.confident()).isCloseTo(pairwiseMacAuc(p, y, confident, true), within(1e-12));
        assertThat(o.rest()).isCloseTo(pairwiseMacAuc(p, y, confident, false), within(1e-12));
        assertThat(o.difference().difference()).isCloseTo(o.confident() - o.rest(), within(1e-12));
        assertThat(o.difference().exams()).isEqualTo(150);
        assertThat(ConfidentVersusRest.compare(p, y, y, cutoffs, 200, 7)).as("seeded: repeatable").isEqualTo(o);
    }

    @Test
    void labelsThatDisagreeOnlyWhereTheModelIsUnsureLeaveTheConfidentShareBetter() {
        // readers err on faint findings: the recorded label differs from the drawn class only for weak-evidence exams,
        // where the model is unsure too, so its confident exams are the cleanly labelled ones
        for (long seed = 1; seed <= 5; seed++) {
            Cohort c = cohort(seed, 0.3, 3.0, 0.4);
            ConfidentVersusRest.Outcome o = ConfidentVersusRest.compare(c.p, c.recorded, c.recorded, c.cutoffs(), 300, seed);
            assertThat(o.difference().aBetter()).as("seed %d: %s", seed, o).isTrue();
        }
    }

    @Test
    void confidentMistakesMakeTheRestBetter() {
        // the opposite: the most confident exams are those whose recorded label contradicts the evidence
        for (long seed = 1; seed <= 5; seed++) {
            Cohort c = cohort(seed, 5.0, 1.5, 0.5);
            ConfidentVersusRest.Outcome o = ConfidentVersusRest.compare(c.p, c.recorded, c.recorded, c.cutoffs(), 300, seed);
            assertThat(o.difference().bBetter()).as("seed %d: %s", seed, o).isTrue();
            // scored against the drawn classes the same selection is nearly perfect
            ConfidentVersusRest.Outcome truth = ConfidentVersusRest.compare(c.p, c.recorded, c.drawn, c.cutoffs(), 300, seed);
            assertThat(truth.confident()).isGreaterThan(o.confident());
        }
    }

    /** 600 exams; half carry {@code misread} evidence for their drawn class and are recorded otherwise with probability {@code flip}, half {@code read}. */
    private record Cohort(double[][] p, int[] drawn, int[] recorded) {

        double[] cutoffs() {
            return ClassificationMetrics.entropyCutoffs(p, recorded, 0.3);
        }
    }

    private static Cohort cohort(long seed, double misread, double read, double flip) {
        Random rng = new Random(seed);
        int n = 600;
        int[] drawn = SyntheticScores.labels(n);
        double[][] p = new double[n][];
        int[] recorded = new int[n];
        for (int i = 0; i < n; i++) {
            boolean misreadable = rng.nextDouble() < 0.5;
            p[i] = SyntheticScores.probabilities(new int[] {drawn[i]}, misreadable ? misread : read, rng)[0];
            recorded[i] = misreadable && rng.nextDouble() < flip ? (drawn[i] + 1 + rng.nextInt(2)) % 3 : drawn[i];
        }
        return new Cohort(p, drawn, recorded);
    }

    @Test
    void refusesLabelsThatDoNotMatchThePredictions() {
        double[][] p = {{0.6, 0.2, 0.2}, {0.2, 0.6, 0.2}};
        assertThatThrownBy(() -> ConfidentVersusRest.compare(p, new int[] {0, 1}, new int[] {0}, new double[] {1, 1, 1}, 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("2 predictions for 2 and 1 labels");
    }

    private static double pairwiseMacAuc(double[][] p, int[] y, boolean[] confident, boolean which) {
        int[] kept = IntStream.range(0, y.length).filter(i -> confident[i] == which).toArray();
        double[][] q = Arrays.stream(kept).mapToObj(i -> p[i]).toArray(double[][]::new);
        int[] z = Arrays.stream(kept).map(i -> y[i]).toArray();
        return (PairwiseAuc.ofClass(q, z, 0) + PairwiseAuc.ofClass(q, z, 1) + PairwiseAuc.ofClass(q, z, 2)) / 3;
    }
}
