package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.ExitCodes;
import org.mvdcn.model.OutputHead;
import org.mvdcn.weights.ModelFile;

class BreastHeadCommandTest {

    @TempDir
    Path dir;

    @Test
    void aBreastHeadTrainsOnBreastLabelsAndItsModelScoresAsAnyOther() throws Exception {
        Path cohort = dir.resolve("cohort");
        CommandRunner synth = CommandRunner.run("synth", "--out", cohort.toString(), "--patients", "60", "--scale", "0.05",
                "--breast-labels");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        assertThat(Files.readAllLines(cohort.resolve("manifest.csv")).get(0)).endsWith(",breast_label");
        Path run = dir.resolve("run");
        CommandRunner train = CommandRunner.run("train", "--manifest", cohort.resolve("manifest.csv").toString(), "--out",
                run.toString(), "--epochs", "1", "--lr", "1e-3", "--width", "0.25", "--crop", "120x90", "--head", "breast");
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out() + train.err()).contains("a head per breast trained on breast labels");
        Path best = run.resolve("best.safetensors");
        assertThat(ModelFile.read(best).head()).isEqualTo(OutputHead.BREAST);

        Path exam = cohort.resolve("images/P00001/P00001-E1");
        CommandRunner predict = CommandRunner.run("predict", "--exam", exam.toString(), "--weights", best.toString(), "--json");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        JsonNode p = new ObjectMapper().readTree(predict.out()).path("probabilities");
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            double pk = p.path("BI-RADS " + k).asDouble(-1);
            assertThat(pk).isBetween(0.0, 1.0);
            sum += pk;
        }
        assertThat(sum).isCloseTo(1, within(1e-5));
    }

    @Test
    void aBreastHeadOnAManifestWithoutBreastLabelsIsRefusedNamingIt() {
        Path cohort = dir.resolve("plain");
        assertThat(CommandRunner.run("synth", "--out", cohort.toString(), "--patients", "20", "--scale", "0.05").exitCode()).isZero();
        Path manifest = cohort.resolve("manifest.csv");
        CommandRunner train = CommandRunner.run("train", "--manifest", manifest.toString(), "--out", dir.resolve("run").toString(),
                "--epochs", "1", "--width", "0.25", "--crop", "120x90", "--head", "breast");
        assertThat(train.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(train.error()).startsWith("mvdcn: " + manifest + ": --head breast trains on each breast's label, and ")
                .contains("give the manifest that column or train with --head exam");
        CommandRunner unknown = CommandRunner.run("train", "--manifest", manifest.toString(), "--out", dir.resolve("r2").toString(),
                "--head", "view");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.error()).isEqualTo("mvdcn: unknown head 'view' (expected exam or breast)");
    }
}
