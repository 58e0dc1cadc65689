package org.mvdcn.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An evaluation scored against the classes a synthetic cohort drew ({@code truth.csv}) instead of
 * the recorded labels: what the labels' disagreement costs, measured on the same predictions. The
 * Table 5 rows keep evaluate's selection (each recorded class's most confident share under the
 * validation cut-offs, which is all a user without the truth could select) and score those exams
 * against their drawn classes.
 *
 * @param truth the file the drawn classes came from
 * @param exams test exams scored
 * @param recordedOtherwise how many of them have a recorded label other than their drawn class
 * @param auc one-vs-rest AUC per drawn class
 * @param intervals bootstrap 95% intervals: three AUCs, then macAUC
 * @param confident per share of {@link EvaluationReport#SHARES}: the confident test exams against their drawn classes
 */
public record DrawnClassReport(String truth, int exams, int recordedOtherwise, double[] auc, double macAuc,
        ClassificationMetrics.Interval[] intervals, List<Share> confident) {

    /** One Table 5 row against the drawn classes. */
    public record Share(double share, int testExams, double macAuc, ClassificationMetrics.Interval interval) {}

    /**
     * @param scored the evaluation's test predictions and recorded labels ({@code predictions.csv})
     * @param drawn each exam's drawn class
     * @param recorded the evaluation against the recorded labels, for its validation cut-offs
     */
    public static DrawnClassReport of(PredictionsFile.ScoredExams scored, TruthFile.Drawn drawn,
            EvaluationReport recorded, int bootstrapRounds, long seed) {
        int n = scored.exams();
        int[] classes = drawn.relabel(scored).labels();
        int otherwise = 0;
        for (int i = 0; i < n; i++) {
            otherwise += classes[i] != scored.labels()[i] ? 1 : 0;
        }
        double[][] p = scored.probabilities();
        double[] auc = ClassificationMetrics.perClassAuc(p, classes);
        List<Share> rows = new ArrayList<>();
        for (EvaluationReport.ConfidentRow row : recorded.confident()) {
            ClassificationMetrics.Subset s = ClassificationMetrics.subset(p, classes,
                    ClassificationMetrics.confidentIndices(p, scored.labels(), EvaluationReport.applied(row.share(), row.entropyCutoffs())));
            rows.add(new Share(row.share(), s.exams(), s.macAuc(),
                    ClassificationMetrics.bootstrap(s.probabilities(), s.labels(), bootstrapRounds, seed)[3]));
        }
        return new DrawnClassReport(drawn.file().toString(), n, otherwise, auc, (auc[0] + auc[1] + auc[2]) / 3,
                ClassificationMetrics.bootstrap(p, classes, bootstrapRounds, seed), rows);
    }

    /** HC-macAUC at the paper's 30%, against the drawn classes. */
    public double hcMacAuc() {
        return confident.stream().filter(r -> r.share() == EvaluationReport.HEADLINE_SHARE).findFirst().orElseThrow().macAuc();
    }

    /** The human-readable summary, beside evaluate's. */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "against the drawn classes (%s): %d of %d test exams recorded otherwise%n", truth, recordedOtherwise, exams));
        for (int k = 0; k < 3; k++) {
            sb.append(String.format(Locale.ROOT, "AUC BI-RADS %d  %.3f  [%.3f, %.3f]%n", k, auc[k], intervals[k].low(), intervals[k].high()));
        }
        sb.append(String.format(Locale.ROOT, "macAUC        %.3f  [%.3f, %.3f]%n", macAuc, intervals[3].low(), intervals[3].high()));
        sb.append("most confident share (recorded labels' cut-offs)  test exams  test macAUC against drawn classes\n");
        for (Share s : confident) {
            sb.append(String.format(Locale.ROOT, "%19.0f%%  %40d  %.3f  [%.3f, %.3f]%n", 100 * s.share(), s.testExams(), s.macAuc(),
                    s.interval().low(), s.interval().high()));
        }
        sb.append(String.format(Locale.ROOT, "HC-macAUC (30%%) against drawn classes  %.3f", hcMacAuc()));
        return sb.toString();
    }
}
