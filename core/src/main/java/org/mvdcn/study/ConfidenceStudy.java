package org.mvdcn.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.mvdcn.eval.EvaluationFile;
import org.mvdcn.eval.EvaluationReport;
import org.mvdcn.eval.ClassificationMetrics;
import org.mvdcn.eval.ConfidentVersusRest;
import org.mvdcn.eval.ModelEvaluation;
import org.mvdcn.eval.PairedBootstrap;
import org.mvdcn.eval.PredictionsFile;
import org.mvdcn.eval.TruthFile;

/**
 * The paper's Table 5 for one trained model: macAUC of each class's most confident P% (P = 10,
 * 20, 30, 50, 100) by entropy on the validation set (the paper's table keeps the class prior), and
 * on the test set under the same per-class validation cut-offs (what HC-macAUC reports, SPEC
 * section 5), with bootstrap intervals and the paper's row. Then, per share, whether the confident
 * test exams are ranked better than the rest ({@link ConfidentVersusRest}), against the recorded
 * labels and, for a synthetic cohort, its drawn classes: where readers' disagreement follows how
 * visible a finding is, the confident share should win; where labels flip at random, confident
 * mistakes gather in it. Reuses the folder's evaluation when one exists.
 */
public final class ConfidenceStudy {

    public static final String TITLE = "Confidence (paper's Table 5)";

    private ConfidenceStudy() {}

    /** @param drawn a synthetic cohort's drawn classes, or null */
    public static EvaluationReport run(ModelEvaluation.Setup setup, Path study, TruthFile.Drawn drawn, Consumer<String> log)
            throws IOException {
        Path evaluation = study.resolve(EvaluationFile.NAME);
        if (Files.exists(evaluation)) {
            log.accept("reusing " + evaluation);
        } else {
            ModelEvaluation.run(setup, study, log);
        }
        EvaluationReport e = EvaluationFile.read(evaluation);
        write(study, e, PredictionsFile.read(study.resolve(ModelEvaluation.PREDICTIONS)), drawn, setup.bootstrapRounds(), setup.seed());
        return e;
    }

    static void write(Path study, EvaluationReport evaluation, PredictionsFile.ScoredExams predictions, TruthFile.Drawn drawn, int rounds,
            long seed) throws IOException {
        List<EvaluationReport.ConfidentRow> rows = evaluation.confident();
        List<String> columns = new ArrayList<>();
        int n = rows.size();
        double[] validation = new double[n];
        double[] test = new double[n];
        double[] low = new double[n];
        double[] high = new double[n];
        List<String> validationExams = new ArrayList<>(List.of("validation exams"));
        List<String> cutoffs = new ArrayList<>(List.of("entropy cut-offs BI-RADS 0/1/2 (validation)"));
        List<String> intervals = new ArrayList<>(List.of("test macAUC 95% CI"));
        List<String> testExams = new ArrayList<>(List.of("test exams"));
        double[] paper = new double[n];
        for (int i = 0; i < n; i++) {
            EvaluationReport.ConfidentRow r = rows.get(i);
            double share = r.share();
            columns.add(Math.round(100 * share) + "%");
            validation[i] = r.validationMacAuc();
            test[i] = r.macAuc();
            low[i] = r.interval().low();
            high[i] = r.interval().high();
            validationExams.add(String.valueOf(r.validationExams()));
            cutoffs.add(ModelEvaluation.cutoffs(r));
            intervals.add(StudyTable.interval(r.interval()));
            testExams.add(String.valueOf(r.testExams()));
            paper[i] = paperValue(share);
        }
        List<List<String>> table = new ArrayList<>(List.of(StudyTable.numbers("macAUC, validation, each class's top P% (Table 5)",
                validation), validationExams, cutoffs, StudyTable.numbers("macAUC, test (validation cut-offs)", test), intervals, testExams,
                StudyTable.numbers("paper, validation", paper)));
        table.addAll(againstTheRest(rows, predictions, predictions.labels(), "", rounds, seed));
        if (drawn != null) {
            table.addAll(againstTheRest(rows, predictions, drawn.relabel(predictions).labels(), ", drawn classes", rounds, seed));
        }
        StudyTable.write(study, TITLE, columns, table);
        StudyTable.plot(study, TITLE, "most confident P%", columns, List.of(
                new StudyTable.Series("mvdcn test macAUC", test, StudyTable.OURS, false),
                new StudyTable.Series("95% CI low", low, StudyTable.OURS, true),
                new StudyTable.Series("95% CI high", high, StudyTable.OURS, true),
                new StudyTable.Series("mvdcn validation macAUC", validation, StudyTable.SECOND, false),
                new StudyTable.Series("paper validation macAUC", paper, StudyTable.PAPER, false)));
    }

    /**
     * Per share: the confident exams' macAUC (against the drawn classes only: against the recorded
     * labels it is the row above), the rest's, the difference, its interval, p and verdict.
     */
    private static List<List<String>> againstTheRest(List<EvaluationReport.ConfidentRow> rows, PredictionsFile.ScoredExams test,
            int[] scoredAgainst, String suffix, int rounds, long seed) {
        List<String> confident = new ArrayList<>(List.of("macAUC, test, confident" + suffix));
        List<String> rest = new ArrayList<>(List.of("macAUC, test, the rest" + suffix));
        List<String> difference = new ArrayList<>(List.of("confident minus the rest" + suffix));
        List<String> interval = new ArrayList<>(List.of("confident minus the rest, 95% CI" + suffix));
        List<String> p = new ArrayList<>(List.of("confident minus the rest, p" + suffix));
        List<String> verdict = new ArrayList<>(List.of("confident vs. the rest" + suffix));
        for (EvaluationReport.ConfidentRow row : rows) {
            if (row.share() >= 1) {
                confident.add(StudyTable.number(ClassificationMetrics.macAuc(test.probabilities(), scoredAgainst)));
                List.of(rest, difference, interval, p, verdict).forEach(r -> r.add("n/a"));
                continue;
            }
            ConfidentVersusRest.Outcome o = ConfidentVersusRest.compare(test.probabilities(), test.labels(), scoredAgainst,
                    row.entropyCutoffs(), rounds, seed);
            PairedBootstrap.Result r = o.difference();
            confident.add(StudyTable.number(o.confident()));
            rest.add(StudyTable.number(o.rest()));
            difference.add(StudyTable.number(r.difference()));
            interval.add(StudyTable.interval(r.interval()));
            p.add(StudyTable.p(r));
            verdict.add(r.skipped() == r.rounds() ? "n/a (a class missing from every resample)" : r.aBetter() ? "confident better"
                    : r.bBetter() ? "the rest better" : "no difference shown");
        }
        return suffix.isEmpty() ? List.of(rest, difference, interval, p, verdict) : List.of(confident, rest, difference, interval, p, verdict);
    }

    private static double paperValue(double share) {
        for (int i = 0; i < EvaluationReport.SHARES.length; i++) {
            if (EvaluationReport.SHARES[i] == share) {
                return EvaluationReport.PAPER_SHARE_MACAUC[i];
            }
        }
        return Double.NaN;
    }
}
