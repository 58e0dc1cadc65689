package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.TestData;

/**
 * A model knows what it was trained on: a synthetic-trained model flags the real sample exam as
 * out of distribution (the demo's last step) and does not flag the synthetic test exams.
 */
class OutOfDistributionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theRealExamIsFlaggedAndSyntheticTestExamsAreNot(@TempDir Path dir) throws Exception {
        SyntheticRun r = SyntheticRun.in(dir);
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
