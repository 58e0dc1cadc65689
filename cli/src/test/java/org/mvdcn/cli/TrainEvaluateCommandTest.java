package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.ExitCodes;

class TrainEvaluateCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainThenEvaluateTheRun() throws Exception {
        SyntheticRun trained = SyntheticRun.in(dir);
        Path cohort = trained.cohort();
        Path run = trained.run();
        assertThat(trained.train().out()).contains("epoch 1: loss").contains("best epoch 1");

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
        // the run carries an out-of-distribution check: each exam's score, whether it was assessed and what was found, and the counts
        assertThat(Files.readAllLines(out.resolve("predictions.csv")).get(0))
                .isEqualTo("exam_id,patient_id,p_birads0,p_birads1,p_birads2,entropy,label,ood_score,assessed,checks");
        JsonNode ood = new ObjectMapper().readTree(out.resolve("evaluation.json").toFile()).path("out_of_distribution");
        assertThat(ood.path("test_exams").asLong()).isEqualTo(testExams);
        assertThat(ood.path("flagged").asLong()).isBetween(0L, testExams);
        assertThat(ood.path("not_assessed").asLong()).isBetween(ood.path("flagged").asLong(), testExams);
        assertThat(ood.path("macAUC_all").asDouble()).isEqualTo(json.path("macAUC").asDouble());

        // Table 5 for the run: same crops and seed as above, so its 100% column is the evaluation's macAUC
        Path study = dir.resolve("confidence");
        String[] confidence = {"study", "confidence", "--run", run.toString(), "--out", study.toString(), "--crops", "2",
            "--bootstrap", "50"};
        CommandRunner sweep = CommandRunner.run(confidence);
        assertThat(sweep.exitCode()).as(sweep.err()).isZero();
        assertThat(sweep.out()).contains("|  | 10% | 20% | 30% | 50% | 100% |")
                .contains("| paper, validation | 0.839 | 0.800 | 0.766 | 0.735 | 0.687 |")
                .containsPattern("\\| macAUC, test \\(validation cut-offs\\) \\|.* "
                        + String.format(java.util.Locale.ROOT, "%.3f", json.path("macAUC").asDouble()) + " \\|\\R")
                .containsPattern("\\| test exams \\|.* " + testExams + " \\|\\R");
        assertThat(Files.readAllLines(study.resolve("study.csv")).get(0)).isEqualTo("metric,10%,20%,30%,50%,100%");
        assertThat(ImageIO.read(study.resolve("study.png").toFile()).getWidth()).isEqualTo(800);
        CommandRunner again = CommandRunner.run(confidence);
        assertThat(again.exitCode()).isZero();
        assertThat(again.err()).contains("reusing");
        assertThat(again.out()).isEqualTo(sweep.out());

        // the run's model needs no option: width from its shapes, crop from its metadata; a change is said out loud
        Path exam = dir.resolve("exam");
        Files.createDirectories(exam);
        String testExam = Files.readAllLines(out.resolve("predictions.csv")).get(1).split(",")[0];
        for (String line : Files.readAllLines(cohort.resolve("manifest.csv"))) {
            String[] f = line.split(",");
            if (f[1].equals(testExam) && !Files.exists(exam.resolve(f[3] + ".png"))) {
                Files.copy(cohort.resolve(f[4]), exam.resolve(f[3] + ".png"));
            }
        }
        String weights = run.resolve("best.safetensors").toString();
        CommandRunner predict = CommandRunner.run("predict", "--exam", exam.toString(), "--weights", weights, "--json");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.err()).doesNotContain("note:");
        assertThat(new ObjectMapper().readTree(predict.out()).path("crops").asInt()).isEqualTo(10);
        CommandRunner told = CommandRunner.run("predict", "--exam", exam.toString(), "--weights", weights, "--crop", "110x80");
        assertThat(told.exitCode()).as(told.err()).isZero();
        assertThat(told.err()).contains("note: as told, not as " + weights + " was trained: crop 110x80 (trained with 120x90)");
    }

    @Test
    void eachKindOfFailureHasItsOwnExitCode() throws Exception {
        // 64 usage: an unknown option, an option out of range
        assertThat(CommandRunner.run("predict", "--exam", "x", "--weights", "y", "--no-such-option").exitCode()).isEqualTo(64);
        CommandRunner zeroCrops = CommandRunner.run("predict", "--exam", org.mvdcn.TestData.sampleExam().toString(), "--weights",
                org.mvdcn.TestData.resource("parity/full.safetensors").toString(), "--crops", "0");
        assertThat(zeroCrops.exitCode()).isEqualTo(64);
        assertThat(zeroCrops.error()).isEqualTo("mvdcn: crops must be at least 1, got 0");
        CommandRunner tinyCrop = CommandRunner.run("train", "--manifest", "m.csv", "--out", dir.resolve("r").toString(), "--crop", "2x2");
        assertThat(tinyCrop.exitCode()).as(tinyCrop.err()).isEqualTo(64);
        assertThat(tinyCrop.error()).isEqualTo("mvdcn: crop 2x2 is smaller than one 3x3 kernel");
        CommandRunner badInit = CommandRunner.run("train", "--manifest", "m.csv", "--out", dir.resolve("r").toString(), "--init", "xavier");
        assertThat(badInit.exitCode()).as(badInit.err()).isEqualTo(64);
        assertThat(badInit.error()).isEqualTo("mvdcn: unknown initialisation 'xavier' (expected glorot, he, lsuv or centred)");
        CommandRunner normalisedFineTuning = CommandRunner.run("train", "--manifest", "m.csv", "--out", dir.resolve("r").toString(),
                "--batch-norm", "--from", "w.safetensors");
        assertThat(normalisedFineTuning.exitCode()).as(normalisedFineTuning.err()).isEqualTo(64);
        assertThat(normalisedFineTuning.error()).isEqualTo("mvdcn: --batch-norm trains normalisation from a fresh start; --from loads "
                + "weights without it: give one of the two");
        CommandRunner badSchedule = CommandRunner.run("train", "--manifest", "m.csv", "--out", dir.resolve("r").toString(), "--schedule",
                "step");
        assertThat(badSchedule.exitCode()).isEqualTo(64);
        assertThat(badSchedule.error()).isEqualTo("mvdcn: unknown schedule 'step' (expected constant or cosine)");
        // 66 a missing input file; 65 bad input data (a corrupt run record)
        Path nowhere = dir.resolve("nowhere");
        CommandRunner missing = CommandRunner.run("evaluate", "--weights", nowhere.resolve("w.safetensors").toString(), "--manifest",
                nowhere.resolve("m.csv").toString());
        assertThat(missing.exitCode()).as(missing.err()).isEqualTo(66);
        Path broken = Files.createDirectories(dir.resolve("broken-run"));
        Files.writeString(broken.resolve("run.json"), "{\"options\": ");
        CommandRunner corrupt = CommandRunner.run("evaluate", "--run", broken.toString());
        assertThat(corrupt.exitCode()).isEqualTo(65);
        assertThat(corrupt.err()).startsWith("mvdcn: " + broken.resolve("run.json") + ": no readable run record");
        // 70 for what mvdcn did not expect (with the trace), 130 after Ctrl-C stopped a run at a checkpoint
        assertThat(ExitCodes.of(new IllegalStateException("bug"))).isEqualTo(70);
        assertThat(ExitCodes.of(new java.io.UncheckedIOException(new java.io.IOException("disk full")))).isEqualTo(74);
        assertThat(ExitCodes.isInternal(new NullPointerException())).isTrue();
    }
}
