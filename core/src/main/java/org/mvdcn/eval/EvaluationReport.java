package org.mvdcn.eval;

import java.util.ArrayList;
import java.util.List;
import org.mvdcn.calibration.CalibrationReport;

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
 * @param calibration ECE and Brier scores before and after calibration (null: not measured, as in earlier files)
 */
public record EvaluationReport(int exams, double[] auc, double macAuc, ClassificationMetrics.Interval[] intervals,
        List<ConfidentRow> confident, CalibrationReport calibration) {

    /** The paper's Table 5 shares. */
    public static final double[] SHARES = {0.10, 0.20, 0.30, 0.50, 1.00};
    /** The share the paper calls HC-macAUC. */
    public static final double HEADLINE_SHARE = 0.30;
    /** Table 5 (validation examples): macAUC of the most confident 10, 20, 30, 50, 100%. */
    public static final double[] PAPER_SHARE_MACAUC = {0.839, 0.800, 0.766, 0.735, 0.687};

    /**
     * One share of the Table 5 sweep.
     *
     * @param entropyCutoff the validation entropy under which the share lies
     * @param validationExams validation exams at or under the cut-off
     * @param validationMacAuc their macAUC
     * @param balancedMacAuc macAUC of the most confident share of each validation class: the paper's Table 5 selection
     * @param testExams test exams at or under the same cut-off
     * @param macAuc their macAUC: the test-set HC-macAUC
     * @param interval bootstrap 95% interval of {@code macAuc}
     */
    public record ConfidentRow(double share, double entropyCutoff, int validationExams, double validationMacAuc, double balancedMacAuc,
            int testExams,
            double macAuc, ClassificationMetrics.Interval interval) {}

    public static EvaluationReport of(double[][] test, int[] testLabels, double[][] validation, int[] validationLabels,
            int bootstrapRounds, long seed) {
        double[] aucs = ClassificationMetrics.perClassAuc(test, testLabels);
        double mac = (aucs[0] + aucs[1] + aucs[2]) / 3;
        double[] validationEntropy = ClassificationMetrics.entropies(validation);
        List<ConfidentRow> rows = new ArrayList<>();
        for (double share : SHARES) {
            double cutoff = ClassificationMetrics.entropyCutoff(validationEntropy, share);
            double applied = share >= 1 ? Double.POSITIVE_INFINITY : cutoff;
            ClassificationMetrics.Subset v = ClassificationMetrics.confident(validation, validationLabels, applied);
            ClassificationMetrics.Subset t = ClassificationMetrics.confident(test, testLabels, applied);
            rows.add(new ConfidentRow(share, cutoff, v.exams(), v.macAuc(),
                    ClassificationMetrics.confidentPerClass(validation, validationLabels, share).macAuc(), t.exams(), t.macAuc(),
                    ClassificationMetrics.bootstrap(t.probabilities(), t.labels(), bootstrapRounds, seed)[3]));
        }
        return new EvaluationReport(testLabels.length, aucs, mac,
                ClassificationMetrics.bootstrap(test, testLabels, bootstrapRounds, seed), rows, null);
    }

    /** The report with its calibration measured. */
    public EvaluationReport with(CalibrationReport measured) {
        return new EvaluationReport(exams, auc, macAuc, intervals, confident, measured);
    }

    /** HC-macAUC at the paper's 30%. */
    public double hcMacAuc() {
        return headline().macAuc();
    }

    public ConfidentRow headline() {
        return confident.stream().filter(r -> r.share() == HEADLINE_SHARE).findFirst().orElseThrow();
    }
}
