package org.mvdcn.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The paper's evaluation of one model on one test set (SPEC section 5, Table 5): per-class AUC,
 * macAUC, bootstrap 95% intervals, and HC-macAUC for the most confident shares with cut-offs
 * computed on the validation set.
 *
 * @param exams test exams scored
 * @param auc one-vs-rest AUC per BI-RADS class
 * @param macAuc mean of the three
 * @param intervals bootstrap intervals: three AUCs, then macAUC
 * @param confident HC-macAUC rows, one per share
 */
public record EvaluationReport(int exams, double[] auc, double macAuc, ClassificationMetrics.Interval[] intervals,
        List<ConfidentRow> confident) {

    /** The paper's Table 5 shares. */
    public static final double[] SHARES = {0.10, 0.20, 0.30, 0.50, 1.00};
    /** The share the paper calls HC-macAUC. */
    public static final double HEADLINE_SHARE = 0.30;

    /** HC-macAUC at one share: the validation cut-off, and the test exams under it. */
    public record ConfidentRow(double share, double entropyCutoff, int testExams, double macAuc) {}

    public static EvaluationReport of(double[][] test, int[] testLabels, double[][] validation, int bootstrapRounds, long seed) {
        double[] aucs = ClassificationMetrics.perClassAuc(test, testLabels);
        double mac = (aucs[0] + aucs[1] + aucs[2]) / 3;
        double[] validationEntropy = ClassificationMetrics.entropies(validation);
        List<ConfidentRow> rows = new ArrayList<>();
        for (double share : SHARES) {
            double cutoff = ClassificationMetrics.entropyCutoff(validationEntropy, share);
            ClassificationMetrics.Confident c = ClassificationMetrics.confidentMacAuc(test, testLabels,
                    share >= 1 ? Double.POSITIVE_INFINITY : cutoff);
            rows.add(new ConfidentRow(share, cutoff, c.exams(), c.macAuc()));
        }
        return new EvaluationReport(testLabels.length, aucs, mac,
                ClassificationMetrics.bootstrap(test, testLabels, bootstrapRounds, seed), rows);
    }

    /** HC-macAUC at the paper's 30%. */
    public double hcMacAuc() {
        return confident.stream().filter(r -> r.share() == HEADLINE_SHARE).findFirst().orElseThrow().macAuc();
    }

    public ConfidentRow headline() {
        return confident.stream().filter(r -> r.share() == HEADLINE_SHARE).findFirst().orElseThrow();
    }
}
