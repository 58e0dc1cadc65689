package org.mvdcn.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.mvdcn.eval.EvaluationReport;
import org.mvdcn.eval.ModelEvaluation;

/**
 * The paper's Table 5 for one trained model: macAUC of the most confident P% (P = 10, 20, 30,
 * 50, 100) by entropy on the validation set, both per class (the paper's table keeps the class
 * prior) and overall, and on the test set under the validation cut-offs (what HC-macAUC reports,
 * SPEC section 5), with bootstrap intervals and the paper's row.
 * Reuses the folder's evaluation when one exists.
 */
public final class ConfidenceStudy {

    public static final String TITLE = "Confidence (paper's Table 5)";

    private ConfidenceStudy() {}

    public static JsonNode run(ModelEvaluation.Setup setup, Path study, Consumer<String> log) throws IOException {
        Path evaluation = study.resolve(ModelEvaluation.JSON_FILE);
        if (Files.exists(evaluation)) {
            log.accept("reusing " + evaluation);
        } else {
            ModelEvaluation.run(setup, study, log);
        }
        JsonNode e = new ObjectMapper().readTree(evaluation.toFile());
        write(study, e);
        return e;
    }

    static void write(Path study, JsonNode evaluation) throws IOException {
        JsonNode rows = evaluation.path("hc_macAUC_by_share");
        List<String> columns = new ArrayList<>();
        int n = rows.size();
        double[] validation = new double[n];
        double[] balanced = new double[n];
        double[] test = new double[n];
        double[] low = new double[n];
        double[] high = new double[n];
        List<String> validationExams = new ArrayList<>(List.of("validation exams"));
        List<String> cutoffs = new ArrayList<>(List.of("entropy cut-off (validation)"));
        List<String> intervals = new ArrayList<>(List.of("test macAUC 95% CI"));
        List<String> testExams = new ArrayList<>(List.of("test exams"));
        double[] paper = new double[n];
        for (int i = 0; i < n; i++) {
            JsonNode r = rows.get(i);
            double share = r.path("share").asDouble();
            columns.add(Math.round(100 * share) + "%");
            validation[i] = StudyTable.value(r.path("validation_macAUC"));
            balanced[i] = StudyTable.value(r.path("validation_balanced_macAUC"));
            test[i] = StudyTable.value(r.path("macAUC"));
            low[i] = StudyTable.value(r.path("macAUC_ci").path(0));
            high[i] = StudyTable.value(r.path("macAUC_ci").path(1));
            validationExams.add(r.path("validation_exams").asText());
            cutoffs.add(share >= 1 ? "none" : String.format(Locale.ROOT, "%.4f", r.path("validation_entropy_cutoff").asDouble()));
            intervals.add(StudyTable.interval(r.path("macAUC_ci")));
            testExams.add(r.path("test_exams").asText());
            paper[i] = paperValue(share);
        }
        List<List<String>> table = List.of(StudyTable.numbers("macAUC, validation, each class's top P% (Table 5)", balanced),
                StudyTable.numbers("macAUC, validation, top P%", validation), validationExams, cutoffs, StudyTable.numbers("macAUC, test (validation cut-off)", test), intervals, testExams,
                StudyTable.numbers("paper, validation", paper));
        StudyTable.write(study, TITLE, columns, table);
        StudyTable.plot(study, TITLE, "most confident P%", columns, List.of(
                new StudyTable.Series("mvdcn test macAUC", test, StudyTable.OURS, false),
                new StudyTable.Series("95% CI low", low, StudyTable.OURS, true),
                new StudyTable.Series("95% CI high", high, StudyTable.OURS, true),
                new StudyTable.Series("mvdcn validation macAUC, each class's top P%", balanced, StudyTable.SECOND, false),
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
