package org.mvdcn.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.mvdcn.eval.EvaluationFile;
import org.mvdcn.eval.EvaluationReport;
import org.mvdcn.eval.ModelEvaluation;

/**
 * The paper's Table 5 for one trained model: macAUC of each class's most confident P% (P = 10,
 * 20, 30, 50, 100) by entropy on the validation set (the paper's table keeps the class prior), and
 * on the test set under the same per-class validation cut-offs (what HC-macAUC reports, SPEC
 * section 5), with bootstrap intervals and the paper's row.
 * Reuses the folder's evaluation when one exists.
 */
public final class ConfidenceStudy {

    public static final String TITLE = "Confidence (paper's Table 5)";

    private ConfidenceStudy() {}

    public static EvaluationReport run(ModelEvaluation.Setup setup, Path study, Consumer<String> log) throws IOException {
        Path evaluation = study.resolve(EvaluationFile.NAME);
        if (Files.exists(evaluation)) {
            log.accept("reusing " + evaluation);
        } else {
            ModelEvaluation.run(setup, study, log);
        }
        EvaluationReport e = EvaluationFile.read(evaluation);
        write(study, e);
        return e;
    }

    static void write(Path study, EvaluationReport evaluation) throws IOException {
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
        List<List<String>> table = List.of(StudyTable.numbers("macAUC, validation, each class's top P% (Table 5)", validation),
                validationExams, cutoffs, StudyTable.numbers("macAUC, test (validation cut-offs)", test), intervals, testExams,
                StudyTable.numbers("paper, validation", paper));
        StudyTable.write(study, TITLE, columns, table);
        StudyTable.plot(study, TITLE, "most confident P%", columns, List.of(
                new StudyTable.Series("mvdcn test macAUC", test, StudyTable.OURS, false),
                new StudyTable.Series("95% CI low", low, StudyTable.OURS, true),
                new StudyTable.Series("95% CI high", high, StudyTable.OURS, true),
                new StudyTable.Series("mvdcn validation macAUC", validation, StudyTable.SECOND, false),
                new StudyTable.Series("paper validation macAUC", paper, StudyTable.PAPER, false)));
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
