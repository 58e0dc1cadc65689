package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.calibration.Calibration;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.Manifest;
import org.mvdcn.dicom.DicomExamFolder;
import org.mvdcn.dicom.TestDicom;
import org.mvdcn.dicom.results.Algorithm;
import org.mvdcn.exam.View;
import org.mvdcn.ood.OodFixture;
import org.mvdcn.predict.Assessment;
import org.mvdcn.predict.TrainedModel;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.preprocess.PreprocessingOverrides;
import org.mvdcn.serve.process.StudyProcessor;
import org.mvdcn.synth.CohortGenerator;
import org.mvdcn.weights.ModelFile;
import org.mvdcn.weights.SafetensorsWriter;
import org.mvdcn.weights.UntrainedWeights;

/**
 * The scoring paths agree exam by exam: predict (the command), evaluate (the command), score (the
 * command, Spark in local mode) and the node's study processor give the same calibrated
 * probabilities to 1e-6 for the same seed and crop sets, on PNG exams with repeated views (from a
 * manifest) and on a DICOM study whose L-CC was taken twice with different pixels, so that drawing
 * the other image would show; and the same verdict of the checks (out-of-distribution score,
 * assessed, the codes found), the DICOM study's R-MLO stating an implant. For two seeds.
 */
class ScoringPathsAgreeTest {

    private static final int CROPS = 3;
    private static final String DICOM_PATIENT = "DICOM-PATIENT";
    private static final String DICOM_EXAM = "1.2.826.0.1.3680043.10.1147.80";

    @TempDir
    static Path dir;
    static Path weights;
    static Path manifest;
    static Path study;

    @BeforeAll
    static void modelCohortAndStudy() throws Exception {
        Path cohort = CohortGenerator.generate(dir.resolve("cohort"), new CohortGenerator.Options(40, 0.1, 3, 0.0, 0.5), (d, t) -> { })
                .manifest();
        weights = UntrainedWeights.write(dir.resolve("model.safetensors"), Preprocessing.of(2, 120, 90));
        // a temperature, so that calibration applied two ways would show
        SafetensorsWriter.putMetadata(weights, ModelFile.CALIBRATION, new Calibration(1.7, 10, 1, 1, 1, 0.1, 0.1).toJson());
        OodFixture.fitInto(weights, cohort);

        // the DICOM study: the sample exam, its R-MLO (img-1) stating an implant, and a second L-CC whose pixels are the R-CC's
        study = dir.resolve("study");
        TestDicom.sampleExam(study, s -> s.study(DICOM_EXAM, DICOM_PATIENT, "ACC-AGREE"));
        TestDicom.write(study.resolve("img-1.dcm"), TestDicom.samplePng(View.R_MLO), TestDicom.Spec.of(View.R_MLO)
                .study(DICOM_EXAM, DICOM_PATIENT, "ACC-AGREE").instance(1).implant());
        TestDicom.write(study.resolve("retake.dcm"), TestDicom.samplePng(View.R_CC), TestDicom.Spec.of(View.L_CC)
                .study(DICOM_EXAM, DICOM_PATIENT, "ACC-AGREE").instance(9).acquisitionTime("103000"));

        // one manifest: the cohort (split by patient) and the study, declared a test exam
        manifest = cohort;
        StringBuilder rows = new StringBuilder();
        for (Path file : Files.list(study).filter(f -> f.toString().endsWith(".dcm")).sorted().toList()) {
            org.mvdcn.dicom.DicomHeader h = org.mvdcn.dicom.DicomMammogramReader.header(file);
            rows.append(String.join(",", DICOM_PATIENT, DICOM_EXAM, "2017-03-01", h.view().label(), file.toString(),
                    h.acquiredAt() == null ? "" : h.acquiredAt().toString(), "1", "test")).append('\n');
        }
        Files.writeString(manifest, rows.toString(), java.nio.file.StandardOpenOption.APPEND);
    }

    @Test
    void predictEvaluateServeAndScoreGiveEachExamTheSameProbabilitiesAndChecks() throws Exception {
        for (long seed : new long[] {5, 12}) {
            String[] same = {"--crops", String.valueOf(CROPS), "--seed", String.valueOf(seed)};
            Path evaluation = dir.resolve("evaluation-" + seed);
            CommandRunner evaluate = CommandRunner.run(CommandRunner.concat(new String[] {"evaluate", "--weights", weights.toString(),
                "--manifest", manifest.toString(), "--out", evaluation.toString(), "--bootstrap", "20"}, same));
            assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
            Map<String, CSVRecord> rows = rows(evaluation.resolve("predictions.csv"));
            Map<String, double[]> evaluated = new HashMap<>();
            Map<String, Assessment> evaluatedChecks = new HashMap<>();
            rows.forEach((exam, r) -> {
                evaluated.put(exam, new double[] {Double.parseDouble(r.get("p_birads0")), Double.parseDouble(r.get("p_birads1")),
                    Double.parseDouble(r.get("p_birads2"))});
                evaluatedChecks.put(exam, Assessment.of(r.get("ood_score").isEmpty() ? null : Double.valueOf(r.get("ood_score")),
                        Boolean.parseBoolean(r.get("assessed")), r.get("checks")));
            });
            assertThat(evaluated).containsKey(DICOM_EXAM);
            assertThat(evaluatedChecks.get(DICOM_EXAM).assessed()).isFalse();
            assertThat(evaluatedChecks.get(DICOM_EXAM).checks()).as("found in the file's attributes by evaluate").contains("implant");

            Path scored = dir.resolve("scored-" + seed);
            CommandRunner score = CommandRunner.run(CommandRunner.concat(new String[] {"score", "--manifest", manifest.toString(),
                "--weights", weights.toString(), "--out", scored.toString(), "--split", "all"}, same));
            assertThat(score.exitCode()).as(score.err()).isZero();
            Map<String, double[]> table = new HashMap<>();
            Map<String, Assessment> tableChecks = new HashMap<>();
            SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
            try {
                spark.read().parquet(scored.resolve("scores.parquet").toString()).collectAsList().forEach(r -> {
                    table.put(r.getAs("exam"), new double[] {r.<Double>getAs("p0"), r.<Double>getAs("p1"), r.<Double>getAs("p2")});
                    tableChecks.put(r.getAs("exam"), Assessment.of(r.<Double>getAs("ood_score"), r.<Boolean>getAs("assessed"),
                            r.<String>getAs("checks")));
                });
            } finally {
                spark.stop();
            }

            List<ExamRecord> exams = Manifest.load(manifest, false).exams();
            List<String> withRepeats = new ArrayList<>();
            for (String exam : evaluated.keySet()) {
                assertSame("score, exam " + exam, table.get(exam), evaluated.get(exam));
                assertSameChecks("score, exam " + exam, tableChecks.get(exam), evaluatedChecks.get(exam));
                ExamRecord record = exams.stream().filter(e -> e.examId().equals(exam)).findFirst().orElseThrow();
                if (record.imageCount() > 4) {
                    withRepeats.add(exam);
                }
            }
            assertThat(withRepeats).as("scored exams with a view taken twice").hasSizeGreaterThanOrEqualTo(2).contains(DICOM_EXAM);

            CommandRunner predict = CommandRunner.run(CommandRunner.concat(new String[] {"predict", "--exam", study.toString(),
                "--weights", weights.toString(), "--json"}, same));
            assertThat(predict.exitCode()).as(predict.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(predict.out());
            double[] predicted = new double[3];
            for (int k = 0; k < 3; k++) {
                predicted[k] = json.path("probabilities").path("BI-RADS " + k).asDouble();
            }
            assertSame("predict --exam, the DICOM study", predicted, evaluated.get(DICOM_EXAM));
            List<String> codes = new ArrayList<>();
            json.path("findings").forEach(f -> codes.add(f.path("code").asText()));
            assertSameChecks("predict --exam, the DICOM study", new Assessment(json.path("ood").path("distance").asDouble(),
                    json.path("assessed").asBoolean(), codes.stream().distinct().toList()), evaluatedChecks.get(DICOM_EXAM));

            try (TrainedModel model = TrainedModel.load(weights, null, PreprocessingOverrides.none(), Device.cpu(), n -> { })) {
                StudyProcessor node = new StudyProcessor(model, new Algorithm("mvdcn", model.sha256(), "test"), CROPS, seed, Clock.systemUTC());
                StudyProcessor.Result served = node.process(DicomExamFolder.read(study), new org.mvdcn.serve.ResultFolder(dir.resolve("results-" + seed)));
                assertSame("the node, the DICOM study", served.prediction().probabilities(), evaluated.get(DICOM_EXAM));
                assertSameChecks("the node, the DICOM study", served.prediction().assessment(), evaluatedChecks.get(DICOM_EXAM));
            }
        }
    }

    private static void assertSame(String what, double[] actual, double[] expected) {
        assertThat(actual).as(what).isNotNull();
        for (int k = 0; k < 3; k++) {
            assertThat(actual[k]).as("%s, P(BI-RADS %d)", what, k).isCloseTo(expected[k], within(1e-6));
        }
    }

    /** The same verdict: the out-of-distribution scores to 1e-5 of their size (statistics of batches of other sizes), the rest exactly. */
    private static void assertSameChecks(String what, Assessment actual, Assessment expected) {
        assertThat(actual).as(what).isNotNull();
        assertThat(actual.oodScore()).as("%s, out-of-distribution score", what).isCloseTo(expected.oodScore(),
                within(1e-5 * Math.max(1, expected.oodScore())));
        assertThat(actual.assessed()).as("%s, assessed", what).isEqualTo(expected.assessed());
        assertThat(actual.checks()).as("%s, checks", what).isEqualTo(expected.checks());
    }

    private static Map<String, CSVRecord> rows(Path predictions) throws Exception {
        Map<String, CSVRecord> out = new HashMap<>();
        try (Reader in = Files.newBufferedReader(predictions)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                out.put(r.get("exam_id"), r);
            }
        }
        return out;
    }
}
