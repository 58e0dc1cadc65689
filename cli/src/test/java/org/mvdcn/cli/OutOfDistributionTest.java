package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mvdcn.eval.ShiftDetection;
import org.mvdcn.eval.ShiftReport;
import org.mvdcn.io.Sha256;
import org.mvdcn.ood.ImageShift;
import org.mvdcn.train.RunFolder;
import org.mvdcn.train.RunRecord;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.TestData;

/**
 * A model knows what it was trained on: a synthetic-trained model flags the real sample exam as
 * out of distribution (the demo's last step), does not flag the synthetic test exams, and flags
 * every shift family made from them, as {@code ood --shifts} records in the run and its card.
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
     * {@code ood --shifts} measures each family, at three shift seeds (1, 2, 3: the noise and the
     * shapes drawn), on the test exams and records it in the run and its card: every family is told
     * from the unshifted test exams by the score (AUROC) and flagged at the model's threshold. The
     * bounds are the (AUROC 0.95, 90% flagged) measured on the test split of this small model.
     */
    @Test
    void everyShiftFamilyIsDetectedAndTheCardSaysSo() throws Exception {
        CommandRunner ood = CommandRunner.run("ood", "--run", r.run().toString(), "--shifts", "--shift-seeds", "1,2,3");
        assertThat(ood.exitCode()).as(ood.err()).isZero();
        RunFolder run = new RunFolder(r.run());
        ShiftReport shifts = ShiftReport.read(run.oodShifts());
        assertThat(shifts.modelSha256()).isEqualTo(Sha256.of(run.best()));
        assertThat(shifts.threshold()).isEqualTo(RunRecord.read(run).ood().threshold());
        assertThat(shifts.exams()).isEqualTo(JSON.readTree(run.record().toFile()).path("split").path("test_exams_used").asInt());
        assertThat(shifts.falseAlarms()).as("unshifted test exams flagged").isLessThanOrEqualTo(0.1);
        assertThat(shifts.results()).hasSize(ImageShift.values().length * 3);
        for (ShiftDetection.Result result : shifts.results()) {
            assertThat(result.auroc()).as(result.shift() + " seed " + result.seed() + " AUROC").isGreaterThanOrEqualTo(0.95);
            assertThat(result.flagged()).as(result.shift() + " seed " + result.seed() + " flagged").isGreaterThanOrEqualTo(0.9);
        }
        assertThat(ood.out()).contains(shifts.markdown(), "model card: ");
        assertThat(Files.readString(r.run().resolve("model-card.md"))).contains("### Detection per shift family", shifts.markdown());
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
