package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ai.djl.Device;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mvdcn.application.ExamApplication;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.Split;
import org.mvdcn.data.SplitAssignment;
import org.mvdcn.eval.ShiftDetection;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;
import org.mvdcn.ood.ImageShift;
import org.mvdcn.predict.TrainedModel;
import org.mvdcn.preprocess.PreprocessingOverrides;
import org.mvdcn.train.RunFolder;
import org.mvdcn.train.RunRecord;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.TestData;

/**
 * A model knows what it was trained on: a synthetic-trained model flags the real sample exam as
 * out of distribution (the demo's last step), does not flag the synthetic test exams, and flags
 * every shift family made from them.
 */
class OutOfDistributionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static SyntheticRun r;

    @BeforeAll
    static void train() {
        r = SyntheticRun.in(dir);
    }

    /**
     * Each family, at three shift seeds (1, 2, 3: the noise and the shapes drawn), is told from the
     * unshifted test exams by the score (AUROC) and flagged at the model's threshold. The bounds are
     * the (AUROC 0.95, 90% flagged) measured on the test split of this small model.
     */
    @Test
    void everyShiftFamilyIsDetected() {
        RunFolder run = new RunFolder(r.run());
        RunRecord record = RunRecord.read(run);
        Manifest manifest = Manifest.load(record.manifestPath(), false);
        List<ExamRecord> test = SplitAssignment.read(run.split()).selectLabelled(manifest.exams(), Split.TEST);
        try (TrainedModel model = TrainedModel.load(run.best(), null, PreprocessingOverrides.none(), Device.cpu(), line -> {})) {
            List<ExamImages> exams = test.stream().map(e -> {
                Map<View, Mammogram> views = new EnumMap<>(View.class);
                e.images().forEach((v, images) -> views.put(v, model.pipeline().read(images.get(0).path())));
                return new ExamImages(record.manifestPath(), views);
            }).toList();
            ShiftDetection detection = new ShiftDetection(new ExamApplication(model, null, 0), exams, model.ood().record().threshold(),
                    line -> {});
            assertThat(detection.falseAlarms()).as("unshifted test exams flagged").isLessThanOrEqualTo(0.1);
            for (ImageShift shift : ImageShift.values()) {
                for (long seed = 1; seed <= 3; seed++) {
                    ShiftDetection.Result result = detection.measure(shift, seed);
                    assertThat(result.auroc()).as(shift + " seed " + seed + " AUROC").isGreaterThanOrEqualTo(0.95);
                    assertThat(result.flagged()).as(shift + " seed " + seed + " flagged").isGreaterThanOrEqualTo(0.9);
                }
            }
        }
    }

    @Test
    void theRealExamIsFlaggedAndSyntheticTestExamsAreNot() throws Exception {
        JsonNode ood = JSON.readTree(r.run().resolve("run.json").toFile()).path("ood");
        // four views' pooled channels after the last convolution
        assertThat(ood.path("dimension").asInt()).isPositive().matches(d -> d % 4 == 0);
        assertThat(ood.path("threshold").asDouble()).isPositive();
        assertThat(ood.path("train_exams").asInt()).isPositive();
        assertThat(r.train().out()).contains("out-of-distribution threshold");
        String weights = r.run().resolve("best.safetensors").toString();

        // the cohort is at 1/20 scale: the real exam down-scaled to match, as the demo does at 1/10
        CommandRunner real = CommandRunner.run("predict", "--exam", TestData.sampleExam().toString(), "--weights", weights,
                "--downscale", "20", "--json");
        assertThat(real.exitCode()).as(real.err()).isZero();
        JsonNode check = JSON.readTree(real.out()).path("ood");
        assertThat(check.path("flag").asBoolean()).as(real.out()).isTrue();
        assertThat(check.path("distance").asDouble()).isGreaterThan(check.path("threshold").asDouble());
        assertThat(check.path("threshold").asDouble()).isEqualTo(ood.path("threshold").asDouble());
        CommandRunner words = CommandRunner.run("predict", "--exam", TestData.sampleExam().toString(), "--weights", weights,
                "--downscale", "20");
        assertThat(words.out()).contains("NOT ASSESSED", "out of distribution");

        List<String> testExams = Files.readAllLines(r.run().resolve("split.csv")).stream().filter(l -> l.contains(",test,"))
                .map(l -> l.substring(0, l.indexOf(','))).limit(3).toList();
        assertThat(testExams).hasSize(3);
        for (String exam : testExams) {
            String patient = exam.substring(0, exam.indexOf("-E"));
            Path folder = r.cohort().resolve("images").resolve(patient).resolve(exam);
            CommandRunner synthetic = CommandRunner.run("predict", "--exam", folder.toString(), "--weights", weights, "--json");
            assertThat(synthetic.exitCode()).as(synthetic.err()).isZero();
            assertThat(JSON.readTree(synthetic.out()).path("ood").path("flag").asBoolean()).as(exam + ": " + synthetic.out()).isFalse();
        }
        CommandRunner explained = CommandRunner.run("explain", "--exam", TestData.sampleExam().toString(), "--weights", weights,
                "--downscale", "20", "--out", dir.resolve("saliency").toString());
        assertThat(explained.exitCode()).as(explained.err()).isZero();
        assertThat(explained.out()).contains("NOT ASSESSED", "out of distribution");
    }
}
