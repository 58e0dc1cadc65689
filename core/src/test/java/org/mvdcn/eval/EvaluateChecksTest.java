package org.mvdcn.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.application.ExamApplication;
import org.mvdcn.assess.FailedChecks;
import org.mvdcn.data.ExamCandidates;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.Split;
import org.mvdcn.data.SplitAssignment;
import org.mvdcn.exam.View;
import org.mvdcn.predict.Assessment;
import org.mvdcn.predict.TrainedModel;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.preprocess.PreprocessingOverrides;
import org.mvdcn.synth.CohortGenerator;
import org.mvdcn.weights.UntrainedWeights;

/**
 * evaluate checks each test exam as predict does: an exam whose view is too small to read is still
 * scored, its row says it was not assessed and why, evaluation.json counts it and gives the metrics
 * without it. The model carries no out-of-distribution check, so no other exam is withheld.
 */
class EvaluateChecksTest {

    private static final int CROPS = 2;
    private static final long SEED = 5;

    @TempDir
    Path dir;

    @Test
    void anExamFailingACheckIsMarkedCountedAndLeftOutOfTheAssessedMetrics() throws Exception {
        Path manifest = CohortGenerator.generate(dir.resolve("cohort"), new CohortGenerator.Options(16, 0.1, 3, 0.0, 0.3, 1, 16),
                (d, t) -> { }).manifest();
        Path weights = UntrainedWeights.write(dir.resolve("model.safetensors"), Preprocessing.of(2, 120, 90));
        List<ExamRecord> exams = Manifest.load(manifest, false).exams();
        SplitAssignment split = SplitAssignment.assign(exams);
        ExamRecord small = split.selectLabelled(exams, Split.TEST).get(0);
        // 100 rows, 50 once down-scaled: under half the 120-row crop
        FailedChecks.shorten(small, View.L_CC, 100);
        Path out = dir.resolve("evaluation");
        ModelEvaluation.run(new ModelEvaluation.Setup(manifest, split, weights, null, PreprocessingOverrides.none(), CROPS, 20, SEED, 2,
                true, Device.cpu()), out, l -> { });

        List<CSVRecord> rows = csv(out.resolve(ModelEvaluation.PREDICTIONS));
        assertThat(rows).hasSizeGreaterThan(5);
        List<double[]> keptP = new ArrayList<>();
        List<Integer> keptY = new ArrayList<>();
        for (CSVRecord row : rows) {
            boolean failed = row.get("exam_id").equals(small.examId());
            assertThat(row.get("assessed")).as(row.get("exam_id")).isEqualTo(failed ? "false" : "true");
            // the model carries no out-of-distribution check: a warning on every exam, and no score
            assertThat(row.get("checks")).as(row.get("exam_id")).isEqualTo(failed ? "image-size;out-of-distribution" : "out-of-distribution");
            assertThat(row.get("ood_score")).isEmpty();
            if (!failed) {
                keptP.add(new double[] {Double.parseDouble(row.get("p_birads0")), Double.parseDouble(row.get("p_birads1")),
                    Double.parseDouble(row.get("p_birads2"))});
                keptY.add(Integer.parseInt(row.get("label")));
            }
        }
        assertThat(rows).anyMatch(r -> r.get("exam_id").equals(small.examId()));

        JsonNode evaluation = new ObjectMapper().readTree(out.resolve(EvaluationFile.NAME).toFile());
        JsonNode block = evaluation.path(EvaluationFile.OUT_OF_DISTRIBUTION);
        assertThat(block.has("threshold")).as("no check, no threshold").isFalse();
        assertThat(block.path("test_exams").asInt()).isEqualTo(rows.size());
        assertThat(block.path("flagged").asInt()).isZero();
        assertThat(block.path("not_assessed").asInt()).isEqualTo(1);
        assertThat(block.path("checks").path("image-size").asInt()).isEqualTo(1);
        assertThat(block.path("checks").path("out-of-distribution").asInt()).isEqualTo(rows.size());
        assertThat(block.path("macAUC_all").asDouble()).isEqualTo(evaluation.path("macAUC").asDouble());
        // the metrics without it, computed here by counting pairs
        double[][] p = keptP.toArray(double[][]::new);
        int[] y = keptY.stream().mapToInt(Integer::intValue).toArray();
        double mac = 0;
        for (int k = 0; k < 3; k++) {
            double auc = PairwiseAuc.ofClass(p, y, k);
            assertThat(block.path("auc_assessed").path(String.valueOf(k)).asDouble()).as("AUC %d, assessed", k).isCloseTo(auc, within(1e-12));
            assertThat(block.path("auc_all").path(String.valueOf(k)).asDouble()).isEqualTo(evaluation.path("auc").path(String.valueOf(k))
                    .asDouble());
            mac += auc / 3;
        }
        assertThat(block.path("macAUC_assessed").asDouble()).isCloseTo(mac, within(1e-12));

        // the single-exam path finds the same, by the same code
        try (TrainedModel model = TrainedModel.load(weights, null, PreprocessingOverrides.none(), Device.cpu(), n -> { })) {
            Assessment alone = new ExamApplication(model, CROPS, SEED).predict(ExamCandidates.of(small, manifest)).prediction().assessment();
            assertThat(alone).isEqualTo(Assessment.of(null, false, "image-size;out-of-distribution"));
        }
    }

    private static List<CSVRecord> csv(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }
}
