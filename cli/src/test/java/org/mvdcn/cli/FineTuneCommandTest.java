package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.io.Sha256;
import org.mvdcn.weights.StoredTensor;
import org.mvdcn.weights.WeightsFile;

class FineTuneCommandTest {

    @TempDir
    Path dir;

    @Test
    void aRunFineTunesAnotherRunsModelWithItsFirstLayerFrozen() throws Exception {
        SyntheticRun first = SyntheticRun.in(dir);
        Path weights = first.run().resolve("best.safetensors");
        Path tuned = dir.resolve("tuned");
        CommandRunner train = CommandRunner.run("train", "--manifest", first.manifest().toString(), "--out", tuned.toString(),
                "--epochs", "1", "--lr", "1e-3", "--width", "0.25", "--crop", "120x90", "--from", weights.toString(), "--freeze", "conv1");
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("fine-tuning " + weights + ", kept as loaded in both columns: conv1\n");

        JsonNode record = new ObjectMapper().readTree(tuned.resolve("run.json").toFile());
        assertThat(record.path("options").path("initialisation").path("from").asText()).isEqualTo(weights.toString());
        assertThat(record.path("options").path("initialisation").path("freeze").asText()).isEqualTo("conv1");
        assertThat(record.path("from_weights").path("sha256").asText()).isEqualTo(Sha256.of(weights));
        assertThat(record.path("from_weights").path("frozen_layers").toString()).isEqualTo("[\"conv1\"]");
        Map<String, float[]> start = new HashMap<>();
        WeightsFile.read(weights).forEach(t -> start.put(t.name(), t.floats()));
        for (StoredTensor t : WeightsFile.read(tuned.resolve("best.safetensors"))) {
            float[] before = start.get(t.name());
            if (t.name().startsWith("_conv_layer_ls.0.")) {
                assertThat(t.floats()).as(t.name()).containsExactly(before);
            } else {
                assertThat(t.floats()).as(t.name()).isNotEqualTo(before);
            }
        }
    }

    @Test
    void freezingWithoutWeightsToStartFromIsAUsageError() {
        CommandRunner freeze = CommandRunner.run("train", "--manifest", "m.csv", "--out", dir.resolve("r").toString(), "--freeze",
                "conv1..conv2");
        assertThat(freeze.exitCode()).isEqualTo(64);
        assertThat(freeze.error()).isEqualTo("mvdcn: --freeze needs --from WEIGHTS: only loaded weights can be kept as they are");
        CommandRunner beyond = CommandRunner.run("train", "--manifest", "m.csv", "--out", dir.resolve("r").toString(), "--from", "w.pt",
                "--freeze", "conv1..conv7");
        assertThat(beyond.exitCode()).isEqualTo(64);
        assertThat(beyond.error()).startsWith("mvdcn: --freeze conv1..conv7: no such layer");
    }
}
