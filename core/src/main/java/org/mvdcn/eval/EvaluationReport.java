package org.mvdcn.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mvdcn.calibration.CalibrationReport;

/**
 * The paper's evaluation of one model on one test set (SPEC section 5, Table 5): per-class AUC,
 * macAUC, bootstrap 95% intervals, and HC-macAUC for each class's most confident shares with
 * cut-offs computed on the validation set.
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
     * One share of the Table 5 sweep: each class's most confident share, as the paper selects
     * ("balanced according to the prior distribution"; on the test set "the cut-off entropy values
     * computed on the validation set"). Selecting by one pooled cut-off instead fills the confident
     * subset with the classes the model is surest of: on our cohorts it then held almost no BI-RADS 0
     * exams but the mislabelled ones, and HC-macAUC fell far below macAUC or was undefined.
     *
     * @param entropyCutoffs per true class, the validation entropy under which its share lies
     * @param validationExams validation exams at or under their class's cut-off
     * @param validationMacAuc their macAUC: the paper's Table 5
     * @param testExams test exams at or under the same cut-offs
     * @param macAuc their macAUC: the test-set HC-macAUC
     * @param interval bootstrap 95% interval of {@code macAuc}
     */
    public record ConfidentRow(double share, double[] entropyCutoffs, int validationExams, double validationMacAuc, int testExams,
            double macAuc, ClassificationMetrics.Interval interval) {}

    public static EvaluationReport of(double[][] test, int[] testLabels, double[][] validation, int[] validationLabels,
            int bootstrapRounds, long seed) {
        double[] aucs = ClassificationMetrics.perClassAuc(test, testLabels);
        double mac = (aucs[0] + aucs[1] + aucs[2]) / 3;
        List<ConfidentRow> rows = new ArrayList<>();
        for (double share : SHARES) {
            double[] cutoffs = ClassificationMetrics.entropyCutoffs(validation, validationLabels, share);
            ClassificationMetrics.Subset v = ClassificationMetrics.confident(validation, validationLabels, applied(share, cutoffs));
            ClassificationMetrics.Subset t = ClassificationMetrics.confident(test, testLabels, applied(share, cutoffs));
            rows.add(new ConfidentRow(share, cutoffs, v.exams(), v.macAuc(), t.exams(), t.macAuc(),
                    ClassificationMetrics.bootstrap(t.probabilities(), t.labels(), bootstrapRounds, seed)[3]));
        }
        return new EvaluationReport(testLabels.length, aucs, mac,
                ClassificationMetrics.bootstrap(test, testLabels, bootstrapRounds, seed), rows, null);
    }

    /** At 100% every exam counts, whatever the validation set's largest entropy. */
    static double[] applied(double share, double[] cutoffs) {
        double[] all = new double[cutoffs.length];
        Arrays.fill(all, Double.POSITIVE_INFINITY);
        return share >= 1 ? all : cutoffs;
    }

    /** The test exams of the HC-macAUC row: each class's most confident 30% by the validation cut-offs. */
    public ClassificationMetrics.Subset confidentTest(double[][] test, int[] testLabels) {
        return ClassificationMetrics.confident(test, testLabels, headline().entropyCutoffs());
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
