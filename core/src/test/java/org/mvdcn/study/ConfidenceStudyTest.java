package org.mvdcn.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.eval.EvaluationReport;
import org.mvdcn.eval.PairwiseAuc;
import org.mvdcn.eval.PredictionsFile;
import org.mvdcn.eval.SyntheticScores;
import org.mvdcn.eval.TruthFile;

class ConfidenceStudyTest {

    @TempDir
    Path dir;

    @Test
    void eachShareIsSetAgainstTheRestOfTheTestExamsAgainstRecordedAndDrawnClasses() throws Exception {
        Random rng = new Random(8);
        int n = 240;
        int[] drawnClasses = SyntheticScores.labels(n);
        double[][] p = SyntheticScores.probabilities(drawnClasses, 1.5, rng);
        int[] recorded = IntStream.range(0, n).map(i -> i % 10 == 0 ? (drawnClasses[i] + 1) % 3 : drawnClasses[i]).toArray();
        int[] vLabels = SyntheticScores.labels(150);
        EvaluationReport report = EvaluationReport.of(p, recorded, SyntheticScores.probabilities(vLabels, 1.5, rng), vLabels, 50, 1);
        List<String> ids = IntStream.range(0, n).mapToObj(i -> "e" + i).toList();
        Map<String, Integer> byExam = new HashMap<>();
        IntStream.range(0, n).forEach(i -> byExam.put(ids.get(i), drawnClasses[i]));

        ConfidenceStudy.write(dir, report, new PredictionsFile.ScoredExams(ids, p, recorded), new TruthFile.Drawn(dir.resolve("t.csv"),
                byExam), 100, 3);

        Map<String, CSVRecord> rows = new HashMap<>();
        for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().get().parse(Files.newBufferedReader(dir.resolve(StudyTable.CSV)))) {
            rows.put(r.get(0), r);
        }
        assertThat(rows.get("metric")).isNull();
        // the 30% column: exams under their recorded class's validation cut-off, the rest are the others
        double[] cutoffs = report.headline().entropyCutoffs();
        double[] h = org.mvdcn.eval.ClassificationMetrics.entropies(p);
        boolean[] confident = new boolean[n];
        for (int i = 0; i < n; i++) {
            confident[i] = h[i] <= cutoffs[recorded[i]];
        }
        assertThat(rows.get("macAUC, test, the rest").get("30%")).isEqualTo(StudyTable.number(macAuc(p, recorded, confident, false)));
        assertThat(rows.get("macAUC, test, confident, drawn classes").get("30%"))
                .isEqualTo(StudyTable.number(macAuc(p, drawnClasses, confident, true)));
        assertThat(rows.get("macAUC, test, the rest, drawn classes").get("30%"))
                .isEqualTo(StudyTable.number(macAuc(p, drawnClasses, confident, false)));
        assertThat(rows.get("confident minus the rest").get("30%")).isEqualTo(StudyTable.number(
                macAuc(p, recorded, confident, true) - macAuc(p, recorded, confident, false)));
        assertThat(rows.get("confident vs. the rest").get("100%")).isEqualTo("n/a");
        // the verdict is the interval's: "better" only where it excludes 0
        String interval = rows.get("confident minus the rest, 95% CI").get("30%");
        double low = Double.parseDouble(interval.substring(1, interval.indexOf(',')));
        double high = Double.parseDouble(interval.substring(interval.indexOf(',') + 2, interval.length() - 1));
        assertThat(rows.get("confident vs. the rest").get("30%"))
                .isEqualTo(low > 0 ? "confident better" : high < 0 ? "the rest better" : "no difference shown");
        assertThat(rows.get("macAUC, test, confident, drawn classes").get("100%")).isEqualTo(StudyTable.number(
                macAuc(p, drawnClasses, new boolean[n], false)));
        assertThat(Files.readString(dir.resolve(StudyTable.MARKDOWN))).contains("| confident minus the rest, 95% CI |");
    }

    private static double macAuc(double[][] p, int[] y, boolean[] confident, boolean which) {
        int[] kept = IntStream.range(0, y.length).filter(i -> confident[i] == which).toArray();
        double[][] q = Arrays.stream(kept).mapToObj(i -> p[i]).toArray(double[][]::new);
        int[] z = Arrays.stream(kept).map(i -> y[i]).toArray();
        return (PairwiseAuc.ofClass(q, z, 0) + PairwiseAuc.ofClass(q, z, 1) + PairwiseAuc.ofClass(q, z, 2)) / 3;
    }
}
