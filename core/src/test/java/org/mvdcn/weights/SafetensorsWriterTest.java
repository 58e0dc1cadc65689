package org.mvdcn.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.BadInputException;
import org.mvdcn.TestData;
import org.mvdcn.calibration.Calibration;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.preprocess.Preprocessing;

class SafetensorsWriterTest {

    @TempDir
    Path dir;

    private static long headerLength(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static JsonNode header(byte[] bytes) throws Exception {
        return new ObjectMapper().readTree(new String(bytes, 8, (int) headerLength(bytes), StandardCharsets.UTF_8));
    }

    @Test
    void aMetadataKeyIsSetWithoutTouchingTheTensors() throws Exception {
        Path file = dir.resolve("model.safetensors");
        Preprocessing preprocessing = Preprocessing.of(1, 120, 90);
        Engine.getInstance().setRandomSeed(4);
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = new MultiViewNetwork(new NetworkConfig(120, 90, 0.25, 0, 0));
            network.initialize(manager);
            NetworkWeights.saveSafetensors(network, preprocessing, file);
        }
        byte[] before = Files.readAllBytes(file);
        Calibration calibration = new Calibration(1.7, 30, 10, 0.9, 0.8, 0.12, 0.04);
        SafetensorsWriter.putMetadata(file, ModelFile.CALIBRATION, calibration.toJson());
        byte[] after = Files.readAllBytes(file);

        int from = 8 + (int) headerLength(before);
        int to = 8 + (int) headerLength(after);
        assertThat(after.length - to).isEqualTo(before.length - from);
        assertThat(Arrays.equals(before, from, before.length, after, to, after.length)).as("tensor data byte for byte").isTrue();
        assertThat(to % 8).as("data 8-byte aligned").isZero();
        JsonNode was = header(before);
        JsonNode is = header(after);
        was.fieldNames().forEachRemaining(name -> {
            if (!name.equals("__metadata__")) {
                assertThat(is.get(name)).as(name).isEqualTo(was.get(name));
            }
        });
        assertThat(is.get("__metadata__").get(ModelFile.PREPROCESSING)).isEqualTo(was.get("__metadata__").get(ModelFile.PREPROCESSING));
        ModelFile read = ModelFile.read(file);
        assertThat(read.calibration()).isEqualTo(calibration);
        assertThat(read.preprocessing()).isEqualTo(preprocessing);

        // set again: the key is replaced, not repeated
        Calibration refit = new Calibration(0.8, 30, 2, 0.9, 0.85, 0.12, 0.05);
        SafetensorsWriter.putMetadata(file, ModelFile.CALIBRATION, refit.toJson());
        assertThat(ModelFile.read(file).calibration()).isEqualTo(refit);
        assertThat(header(Files.readAllBytes(file)).get("__metadata__").size()).isEqualTo(3);
    }

    @Test
    void filesWithoutOrWithABadCalibrationSaySo() throws Exception {
        // the reference's weights carry none; a torch.save file has no place for one
        assertThat(ModelFile.read(TestData.resource("parity/quarter.safetensors")).calibration()).isNull();
        Path pt = dir.resolve("quarter-zip.pt");
        Files.copy(TestData.resource("parity/quarter-zip.pt"), pt);
        assertThatThrownBy(() -> SafetensorsWriter.putMetadata(pt, ModelFile.CALIBRATION, "{}"))
                .isInstanceOf(BadInputException.class).hasMessage(pt + ": not a safetensors file: it has no metadata to hold "
                        + ModelFile.CALIBRATION);
        Path bad = dir.resolve("bad.safetensors");
        Files.copy(TestData.resource("parity/quarter.safetensors"), bad);
        SafetensorsWriter.putMetadata(bad, ModelFile.CALIBRATION, "{\"temperature\": -1}");
        assertThatThrownBy(() -> ModelFile.read(bad)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(bad + ": unreadable calibration in its metadata").hasMessageContaining("positive");
    }
}
