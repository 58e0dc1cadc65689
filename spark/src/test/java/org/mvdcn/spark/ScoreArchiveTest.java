package org.mvdcn.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.UsageException;
import org.mvdcn.assess.FailedChecks;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.Split;
import org.mvdcn.data.SplitAssignment;
import org.mvdcn.eval.EvaluationFile;
import org.mvdcn.eval.ModelEvaluation;
import org.mvdcn.exam.View;
import org.mvdcn.model.Precision;
import org.mvdcn.ood.OodFixture;
import org.mvdcn.preprocess.PreprocessingOverrides;

/**
 * The scorer on Spark in local mode, two task threads and a second attempt for a failed task, on
 * a small synthetic cohort (some exams with two images of a view, a test exam with a view too small
 * to read) and a calibrated random model with an out-of-distribution check.
 */
class ScoreArchiveTest {

    private static final int CROPS = 3;
    private static final long SEED = 5;

    @TempDir
    static Path dir;

    static Path manifest;
    static Path weights;
    static SparkSession spark;
    /** The test exam whose L-CC is too small to read. */
    static ExamRecord shortened;

    @BeforeAll
    static void cohortModelAndSession() throws Exception {
        manifest = ScoringFixture.cohort(dir.resolve("cohort"), 30);
        List<ExamRecord> exams = Manifest.load(manifest, false).exams();
        shortened = SplitAssignment.assign(exams).selectLabelled(exams, Split.TEST).get(0);
        // 100 rows, 50 once down-scaled: under half the 120-row crop
        FailedChecks.shorten(shortened, View.L_CC, 100);
        weights = ScoringFixture.model(dir.resolve("model.safetensors"));
        OodFixture.fitInto(weights, manifest);
        spark = ScoreArchive.session("local[2,2]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static ScoreJob job(Path out, int crops) {
        return job(out, crops, null);
    }

    private static ScoreJob job(Path out, int crops, Split split) {
        return new ScoreJob(manifest, weights.toString(), out.toString(), split, crops, SEED, null, "cpu", Precision.FP32, true, 50, null);
    }

    @Test
    void theTableHoldsEachExamOnceWithTheProbabilitiesEvaluateGives() throws Exception {
        Path evaluation = dir.resolve("evaluation");
        ModelEvaluation.run(new ModelEvaluation.Setup(manifest, SplitAssignment.assign(Manifest.load(manifest, false).exams()), weights,
                null, PreprocessingOverrides.none(), CROPS, 50, SEED, 2, true, Device.cpu()), evaluation, l -> { });
        Path out = dir.resolve("scored");
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        ScoreSummary summary = ArchiveScoring.run(spark, job(out, CROPS), log::add);

        int exams = Manifest.load(manifest, false).exams().size();
        Map<String, Row> table = ScoringFixture.table(spark, out);
        assertThat(summary.exams()).isEqualTo(exams);
        assertThat(summary.failed()).isZero();
        assertThat(table).hasSize(exams);
        assertThat(log).anyMatch(l -> l.startsWith("scored " + exams + "/" + exams + " exams"));

        List<CSVRecord> predictions = ScoringFixture.csv(evaluation.resolve(ModelEvaluation.PREDICTIONS));
        assertThat(predictions).hasSize(15);
        Map<String, ExamRecord> byId = new HashMap<>();
        Manifest.load(manifest, false).exams().forEach(e -> byId.put(e.examId(), e));
        assertThat(predictions).as("an exam with two images of a view: the image choice agrees too")
                .anyMatch(p -> byId.get(p.get("exam_id")).images().values().stream().anyMatch(images -> images.size() > 1));
        for (CSVRecord expected : predictions) {
            Row row = table.get(expected.get("exam_id"));
            assertThat(row.<Integer>getAs("crops")).isEqualTo(CROPS);
            assertThat(row.<Boolean>getAs("calibrated")).isTrue();
            assertThat(row.<Double>getAs("temperature")).isEqualTo(1.7);
            for (int k = 0; k < 3; k++) {
                assertThat(row.<Double>getAs("p" + k)).as("%s P(BI-RADS %d)", expected.get("exam_id"), k)
                        .isCloseTo(Double.parseDouble(expected.get("p_birads" + k)), within(1e-6));
            }
            assertThat(row.<Double>getAs("entropy")).isCloseTo(Double.parseDouble(expected.get("entropy")), within(1e-6));
            // the checks, made in the executor by the code evaluate runs: the same verdict
            double oodScore = Double.parseDouble(expected.get("ood_score"));
            assertThat(row.<Double>getAs("ood_score")).as("%s ood_score", expected.get("exam_id")).isCloseTo(oodScore,
                    within(1e-5 * Math.max(1, oodScore)));
            assertThat(row.<Boolean>getAs("assessed").toString()).as("%s assessed", expected.get("exam_id")).isEqualTo(expected.get("assessed"));
            assertThat(row.<String>getAs("checks")).as("%s checks", expected.get("exam_id")).isEqualTo(expected.get("checks"));
        }
        Row withheld = table.get(shortened.examId());
        assertThat(withheld.<Boolean>getAs("assessed")).isFalse();
        assertThat(withheld.<String>getAs("checks")).startsWith("image-size");
        assertThat(table.values()).as("the rest of the cohort is read").anyMatch(r -> r.<Boolean>getAs("assessed"));

        // evaluate's files, from the table: the test exams' numbers are evaluate's
        JsonNode ours = new ObjectMapper().readTree(out.resolve(EvaluationFile.NAME).toFile());
        JsonNode theirs = new ObjectMapper().readTree(evaluation.resolve(EvaluationFile.NAME).toFile());
        assertThat(ours.path("exams").asInt()).isEqualTo(predictions.size());
        for (String k : List.of("0", "1", "2")) {
            assertThat(ours.path("auc").path(k).asDouble()).isCloseTo(theirs.path("auc").path(k).asDouble(), within(1e-9));
        }
        assertThat(ours.path("macAUC").asDouble()).isCloseTo(theirs.path("macAUC").asDouble(), within(1e-9));
        assertThat(ours.path("macAUC_ci").get(0).asDouble()).isCloseTo(theirs.path("macAUC_ci").get(0).asDouble(), within(1e-9));
        assertThat(ours.path("macAUC_ci").get(1).asDouble()).isCloseTo(theirs.path("macAUC_ci").get(1).asDouble(), within(1e-9));
        assertThat(ours.path("calibrated").asBoolean()).isTrue();
        JsonNode ourChecks = ours.path(EvaluationFile.OUT_OF_DISTRIBUTION);
        JsonNode theirChecks = theirs.path(EvaluationFile.OUT_OF_DISTRIBUTION);
        assertThat(ourChecks.path("not_assessed").asInt()).isPositive();
        for (String count : List.of("test_exams", "flagged", "not_assessed", "checks")) {
            assertThat(ourChecks.path(count)).as(count).isEqualTo(theirChecks.path(count));
        }
        assertThat(ourChecks.path("threshold").asDouble()).isEqualTo(theirChecks.path("threshold").asDouble());
        assertThat(ourChecks.path("macAUC_assessed").asDouble()).isCloseTo(theirChecks.path("macAUC_assessed").asDouble(), within(1e-9));
        assertThat(ours.path("model").path("sha256").asText()).isEqualTo(table.values().iterator().next().getAs("weights_sha256"));
        assertThat(out.resolve(ModelEvaluation.ROC)).isNotEmptyFile();

        assertThatThrownBy(() -> ArchiveScoring.run(spark, job(out, CROPS), l -> { })).isInstanceOf(UsageException.class)
                .hasMessage(out.resolve(ScoreJob.TABLE) + " already exists: choose another --out, or remove it");
    }

    @Test
    void theTestSplitBringsTheValidationExamsItsEvaluationNeeds() throws Exception {
        Path all = dir.resolve("split-all");
        Path test = dir.resolve("split-test");
        ArchiveScoring.run(spark, job(all, 1), l -> { });
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        ArchiveScoring.run(spark, job(test, 1, Split.TEST), log::add);

        List<ExamRecord> exams = Manifest.load(manifest, false).exams();
        SplitAssignment assignment = SplitAssignment.assign(exams);
        Map<String, String> expected = new HashMap<>();
        assignment.select(exams, Split.TEST).forEach(e -> expected.put(e.examId(), "test"));
        assignment.selectLabelled(exams, Split.VALIDATION).forEach(e -> expected.put(e.examId(), "val"));
        Map<String, Row> table = ScoringFixture.table(spark, test);
        assertThat(table.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        table.forEach((exam, row) -> assertThat(row.<String>getAs("split")).as(exam).isEqualTo(expected.get(exam)));
        assertThat(log).noneMatch(l -> l.startsWith("no evaluation"));

        // the test exams and the cut-offs' validation exams are those of the run over every exam: so is every number
        JsonNode ours = new ObjectMapper().readTree(test.resolve(EvaluationFile.NAME).toFile());
        JsonNode theirs = new ObjectMapper().readTree(all.resolve(EvaluationFile.NAME).toFile());
        assertThat(ours.path("macAUC").isNumber()).isTrue();
        assertThat(ours.path("macAUC").asDouble()).isEqualTo(theirs.path("macAUC").asDouble());
        assertThat(ours.path("hc_macAUC_by_share")).isNotEmpty();
        assertThat(ours).isEqualTo(theirs);
        assertThat(test.resolve(ModelEvaluation.PREDICTIONS)).hasSameTextualContentAs(all.resolve(ModelEvaluation.PREDICTIONS));
        assertThat(test.resolve(ModelEvaluation.ROC)).isNotEmptyFile();
    }

    @Test
    void aTaskThatFailsOnItsFirstAttemptStillLeavesEachExamOnce() throws Exception {
        Path out = dir.resolve("retried");
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        ScoreSummary summary = ArchiveScoring.run(spark, job(out, 1), log::add, scoring -> new FailsFirstAttempt(scoring, 1));

        int exams = Manifest.load(manifest, false).exams().size();
        List<Row> rows = spark.read().parquet(out.resolve(ScoreJob.TABLE).toString()).collectAsList();
        assertThat(rows).hasSize(exams);
        assertThat(rows.stream().map(r -> r.<String>getAs("exam")).distinct().count()).isEqualTo(exams);
        assertThat(rows).allMatch(r -> r.isNullAt(r.fieldIndex("error")));
        assertThat(summary.exams()).isEqualTo(exams);
        assertThat(log).anyMatch(l -> l.startsWith("note: a task failed (Spark runs it again): ") && l.contains("injected"));
    }

    @Test
    void aCorruptImageFailsItsExamNotTheJob() throws Exception {
        // three exams of the cohort, one of its images a file that is no image
        List<CSVRecord> rows = ScoringFixture.csv(manifest);
        List<String> chosen = rows.stream().map(r -> r.get("exam_id")).distinct().limit(3).toList();
        Path corrupt = dir.resolve("corrupt.png");
        Files.write(corrupt, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        StringBuilder lines = new StringBuilder(String.join(",", Manifest.COLUMNS)).append('\n');
        boolean replaced = false;
        for (CSVRecord r : rows) {
            if (chosen.contains(r.get("exam_id"))) {
                String image = manifest.getParent().resolve(r.get("image_path")).toString();
                if (!replaced && r.get("exam_id").equals(chosen.get(1))) {
                    image = corrupt.toString();
                    replaced = true;
                }
                lines.append(String.join(",", r.get("patient_id"), r.get("exam_id"), r.get("exam_date"), r.get("view"), image,
                        r.get("acquired_at"), r.get("label"), r.get("split"))).append('\n');
            }
        }
        Path small = dir.resolve("three.csv");
        Files.writeString(small, lines);
        Path out = dir.resolve("with-corrupt");
        ScoreSummary summary = ArchiveScoring.run(spark,
                new ScoreJob(small, weights.toString(), out.toString(), null, 1, SEED, null, "cpu", Precision.FP32, true, 50, null), l -> { });

        Map<String, Row> table = ScoringFixture.table(spark, out);
        assertThat(summary.exams()).isEqualTo(3);
        assertThat(summary.failed()).isEqualTo(1);
        Row failed = table.get(chosen.get(1));
        assertThat(failed.<String>getAs("error")).startsWith(corrupt + ": ").contains("unknown signature");
        assertThat(failed.isNullAt(failed.fieldIndex("p0"))).isTrue();
        assertThat(failed.isNullAt(failed.fieldIndex("assessed"))).as("nothing checked").isTrue();
        for (String ok : List.of(chosen.get(0), chosen.get(2))) {
            assertThat(table.get(ok).isNullAt(table.get(ok).fieldIndex("error"))).isTrue();
            assertThat(table.get(ok).<Double>getAs("p0") + table.get(ok).<Double>getAs("p1") + table.get(ok).<Double>getAs("p2"))
                    .isCloseTo(1, within(1e-9));
        }
    }

    /** The scoring of one partition failing after its first row, on the task's first attempt only. */
    record FailsFirstAttempt(FlatMapFunction<Iterator<ArchiveExam>, Row> scoring, int partition)
            implements FlatMapFunction<Iterator<ArchiveExam>, Row> {

        @Override
        public Iterator<Row> call(Iterator<ArchiveExam> exams) throws Exception {
            Iterator<Row> rows = scoring.call(exams);
            TaskContext task = TaskContext.get();
            if (task.partitionId() != partition || task.attemptNumber() > 0) {
                return rows;
            }
            return new Iterator<>() {
                private int given;

                @Override
                public boolean hasNext() {
                    if (given == 1) {
                        throw new IllegalStateException("injected failure after the partition's first row");
                    }
                    return rows.hasNext();
                }

                @Override
                public Row next() {
                    given++;
                    return rows.next();
                }
            };
        }
    }
}
