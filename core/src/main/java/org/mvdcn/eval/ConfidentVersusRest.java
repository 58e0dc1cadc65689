package org.mvdcn.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Whether a model's most confident test exams are ranked better than the rest: the paper's Table 5
 * claim ("the most confident examples are easier"), decided rather than read off two intervals.
 * The confident exams are those under the validation cut-offs of each recorded class, as
 * HC-macAUC selects them; the rest are the other test exams. Both groups are measured on every
 * bootstrap resample of the whole test set, so the difference's interval carries how the groups'
 * sizes and classes vary together. A confident share that holds no exam of some class in a resample
 * has no macAUC there; that resample is skipped, counted.
 */
public final class ConfidentVersusRest {

    /**
     * @param confident macAUC of the confident test exams
     * @param rest macAUC of the others
     * @param difference confident minus rest, with its bootstrap interval and p
     */
    public record Outcome(double confident, double rest, PairedBootstrap.Result difference) {}

    private ConfidentVersusRest() {}

    /**
     * @param probabilities each test exam's probabilities
     * @param selectedBy the classes that select (the recorded labels: all a user without the truth has)
     * @param scoredAgainst the classes the AUCs are taken against (the recorded labels, or a cohort's drawn classes)
     * @param cutoffs each class's entropy cut-off from validation ({@link EvaluationReport.ConfidentRow#entropyCutoffs})
     */
    public static Outcome compare(double[][] probabilities, int[] selectedBy, int[] scoredAgainst, double[] cutoffs,
            int rounds, long seed) {
        int n = probabilities.length;
        if (selectedBy.length != n || scoredAgainst.length != n) {
            throw new IllegalArgumentException(n + " predictions for " + selectedBy.length + " and " + scoredAgainst.length + " labels");
        }
        boolean[] confident = new boolean[n];
        ClassificationMetrics.confidentIndices(probabilities, selectedBy, cutoffs).forEach(i -> confident[i] = true);
        double[] parts = macAucs(probabilities, scoredAgainst, confident, IntStream.range(0, n).toArray());
        PairedBootstrap.Result difference = PairedBootstrap.difference(n, rounds, seed, draw -> {
            double[] m = macAucs(probabilities, scoredAgainst, confident, draw);
            return m[0] - m[1];
        });
        return new Outcome(parts[0], parts[1], difference);
    }

    /** macAUC of the drawn exams that are confident, and of the drawn others. */
    private static double[] macAucs(double[][] probabilities, int[] labels, boolean[] confident, int[] draw) {
        List<Integer> in = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        for (int i : draw) {
            (confident[i] ? in : out).add(i);
        }
        return new double[] {ClassificationMetrics.subset(probabilities, labels, in).macAuc(),
            ClassificationMetrics.subset(probabilities, labels, out).macAuc()};
    }
}
