package org.mvdcn.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.BadInputException;
import org.mvdcn.MissingFileException;

class DrawnClassReportTest {

    @TempDir
    Path dir;

    /** 200 test exams whose predictions lean to their drawn class, a fifth of them recorded otherwise; 100 validation exams. */
    @Test
    void theConfidentRowsAreEvaluatesSelectionScoredAgainstTheDrawnClasses() throws Exception {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 200;
        List<String> ids = new ArrayList<>();
        double[][] p = new double[n][];
        int[] recorded = new int[n];
        Map<String, Integer> drawn = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(3);
            ids.add("E" + i);
            drawn.put("E" + i, c);
            recorded[i] = rng.nextDouble() < 0.2 ? (c + 1 + rng.nextInt(2)) % 3 : c;
            p[i] = leaning(c, rng);
        }
        double[][] v = new double[100][];
        int[] vLabels = new int[100];
        for (int i = 0; i < 100; i++) {
            vLabels[i] = rng.nextInt(3);
            v[i] = leaning(vLabels[i], rng);
        }
        EvaluationReport recordedReport = EvaluationReport.of(p, recorded, v, vLabels, 50, 1);
        DrawnClassReport d = DrawnClassReport.of(new PredictionsFile.ScoredExams(ids, p, recorded), new TruthFile.Drawn(dir.resolve("truth.csv"), drawn),
                recordedReport, 50, 1);

        assertThat(d.recordedOtherwise()).isEqualTo((int) java.util.stream.IntStream.range(0, n)
                .filter(i -> recorded[i] != drawn.get(ids.get(i))).count()).isBetween(25, 55);
        assertThat(d.macAuc()).isGreaterThan(recordedReport.macAuc()); // the predictions follow the drawn classes
        // the 30% row: entropy under the recorded class's validation cut-off, AUC by counting pairs against the drawn class
        double[] cutoffs = recordedReport.headline().entropyCutoffs();
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double h = 0;
            for (double q : p[i]) {
                h -= q * Math.log(q);
            }
            if (h <= cutoffs[recorded[i]]) {
                kept.add(i);
            }
        }
        double[][] keptP = kept.stream().map(i -> p[i]).toArray(double[][]::new);
        int[] keptDrawn = kept.stream().mapToInt(i -> drawn.get(ids.get(i))).toArray();
        double mac = (PairwiseAuc.ofClass(keptP, keptDrawn, 0) + PairwiseAuc.ofClass(keptP, keptDrawn, 1)
                + PairwiseAuc.ofClass(keptP, keptDrawn, 2)) / 3;
        DrawnClassReport.Share headline = d.confident().get(2);
        assertThat(headline.share()).isEqualTo(0.30);
        assertThat(headline.testExams()).isEqualTo(kept.size()).isEqualTo(recordedReport.headline().testExams());
        assertThat(headline.macAuc()).isCloseTo(mac, within(1e-12));
        assertThat(d.hcMacAuc()).isEqualTo(headline.macAuc());

        // evaluation.json gains the block and reads back as before
        Path json = dir.resolve(EvaluationFile.NAME);
        EvaluationFile.write(json, recordedReport, null);
        EvaluationFile.addDrawnClasses(json, d);
        assertThat(EvaluationFile.read(json).macAuc()).isEqualTo(recordedReport.macAuc());
        com.fasterxml.jackson.databind.JsonNode block = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile())
                .path(EvaluationFile.DRAWN);
        assertThat(block.path("macAUC").asDouble()).isEqualTo(d.macAuc());
        assertThat(block.path("hc_macAUC").asDouble()).isCloseTo(mac, within(1e-12));
        assertThat(block.path("hc_macAUC_by_share").get(2).path("test_exams").asInt()).isEqualTo(kept.size());
    }

    @Test
    void aTestExamTheTruthLacksIsNamedWithTheFile() {
        double[][] p = {{0.2, 0.5, 0.3}, {0.6, 0.2, 0.2}, {0.1, 0.1, 0.8}};
        int[] labels = {1, 0, 2};
        EvaluationReport r = EvaluationReport.of(p, labels, p, labels, 10, 1);
        Path truth = dir.resolve("truth.csv");
        assertThatThrownBy(() -> DrawnClassReport.of(new PredictionsFile.ScoredExams(List.of("a", "b", "c"), p, labels),
                new TruthFile.Drawn(truth, Map.of("a", 1, "b", 0)), r, 10, 1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(truth + ": has no row for test exam c");
    }

    @Test
    void theTruthFileReadsBackWhatWasWrittenAndRefusesWhatIsNotATruth() throws Exception {
        Path truth = dir.resolve("truth.csv");
        TruthFile.write(truth, List.of(new TruthFile.Row("b", 2, 1), new TruthFile.Row("a", 0, 0)));
        assertThat(Files.readString(truth)).isEqualTo("exam_id,true_label,recorded_label\na,0,0\nb,2,1\n");
        assertThat(TruthFile.read(truth).classes()).isEqualTo(Map.of("a", 0, "b", 2));
        assertThatThrownBy(() -> TruthFile.read(dir.resolve("none.csv"))).isInstanceOf(MissingFileException.class)
                .hasMessageContaining("none.csv: truth not found");
        Path outside = Files.writeString(dir.resolve("outside.csv"), "exam_id,true_label,recorded_label\na,3,1\n");
        assertThatThrownBy(() -> TruthFile.read(outside)).hasMessageContaining("outside.csv: row 1: true_label 3 is not a BI-RADS class");
        Path twice = Files.writeString(dir.resolve("twice.csv"), "exam_id,true_label,recorded_label\na,1,1\na,0,1\n");
        assertThatThrownBy(() -> TruthFile.read(twice)).hasMessageContaining("twice.csv: exam a appears twice");
        Path columns = Files.writeString(dir.resolve("columns.csv"), "exam,label\na,1\n");
        assertThatThrownBy(() -> TruthFile.read(columns)).hasMessageContaining("columns.csv: unreadable truth");
    }

    private static double[] leaning(int c, SplittableRandom rng) {
        double[] q = new double[3];
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            q[k] = rng.nextDouble() + (k == c ? 0.8 * rng.nextDouble() : 0);
            sum += q[k];
        }
        for (int k = 0; k < 3; k++) {
            q[k] /= sum;
        }
        return q;
    }
}
