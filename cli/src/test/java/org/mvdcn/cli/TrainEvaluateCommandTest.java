package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainEvaluateCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainThenEvaluateTheRun() throws Exception {
        Path cohort = dir.resolve("cohort");
        assertThat(CommandRunner.run("synth", "--out", cohort.toString(), "--patients", "100", "--scale", "0.05").exitCode()).isZero();
        Path run = dir.resolve("run");
        CommandRunner train = CommandRunner.run("train", "--manifest", cohort.resolve("manifest.csv").toString(), "--out",
                run.toString(), "--epochs", "1", "--lr", "1e-3", "--width", "0.25", "--crop", "120x90");
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("epoch 1: loss").contains("best epoch 1");

        CommandRunner eval = CommandRunner.run("evaluate", "--run", run.toString(), "--crops", "2", "--bootstrap", "50", "--json");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(eval.out());
        Path out = run.resolve("evaluation");
        long testExams = Files.readAllLines(out.resolve("predictions.csv")).size() - 1;
        assertThat(json.path("exams").asLong()).isEqualTo(testExams).isPositive();
        assertThat(json.has("macAUC")).isTrue();
        assertThat(json.path("auc").has("0")).isTrue();
        assertThat(json.path("macAUC_ci").size()).isEqualTo(2);
        assertThat(json.has("hc_macAUC")).isTrue();
        assertThat(ImageIO.read(out.resolve("roc.png").toFile()).getWidth()).isEqualTo(1120);
        assertThat(Files.readAllLines(out.resolve("predictions.csv")).get(0))
                .isEqualTo("exam_id,patient_id,p_birads0,p_birads1,p_birads2,entropy,label");

        // Table 5 for the run: same crops and seed as above, so its 100% column is the evaluation's macAUC
        Path study = dir.resolve("confidence");
        String[] confidence = {"study", "confidence", "--run", run.toString(), "--out", study.toString(), "--crops", "2",
            "--bootstrap", "50"};
        CommandRunner sweep = CommandRunner.run(confidence);
        assertThat(sweep.exitCode()).as(sweep.err()).isZero();
        assertThat(sweep.out()).contains("|  | 10% | 20% | 30% | 50% | 100% |")
                .contains("| paper, validation | 0.839 | 0.800 | 0.766 | 0.735 | 0.687 |")
                .containsPattern("\\| macAUC, test \\(validation cut-off\\) \\|.* "
                        + String.format(java.util.Locale.ROOT, "%.3f", json.path("macAUC").asDouble()) + " \\|\\R")
                .containsPattern("\\| test exams \\|.* " + testExams + " \\|\\R");
        assertThat(Files.readAllLines(study.resolve("study.csv")).get(0)).isEqualTo("metric,10%,20%,30%,50%,100%");
        assertThat(ImageIO.read(study.resolve("study.png").toFile()).getWidth()).isEqualTo(800);
        CommandRunner again = CommandRunner.run(confidence);
        assertThat(again.exitCode()).isZero();
        assertThat(again.err()).contains("reusing");
        assertThat(again.out()).isEqualTo(sweep.out());
    }
}
