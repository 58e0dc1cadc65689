package org.mvdcn.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mvdcn.BadInputException;
import org.mvdcn.TestData;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.exam.IntensityMode;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.preprocess.Preprocessing;

class NetworkWeightsTest {

    /** The parity fixtures' network: width 0.125 at 2600x2000. */
    private static final NetworkConfig NARROW = NetworkConfig.paper().withWidth(0.125);

    @TempDir
    Path dir;

    private static MultiViewNetwork network(NDManager manager, NetworkConfig config, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        MultiViewNetwork n = new MultiViewNetwork(config);
        n.initialize(manager);
        return n;
    }

    @Test
    void savedSafetensorsHaveTheReferenceLayoutAndLoadBackExactly() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork a = network(manager, NARROW, 1);
            Path file = dir.resolve("w.safetensors");
            Preprocessing preprocessing = Preprocessing.of(4, 650, 500).withDicomIntensity(IntensityMode.VOI);
            NetworkWeights.saveSafetensors(a, preprocessing, file);

            // read the header independently of DJL: u64 length, JSON, then raw float32 data
            byte[] bytes = Files.readAllBytes(file);
            long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
            JsonNode fc2 = header.get("fc2.weight");
            assertThat(fc2.get("dtype").asText()).isEqualTo("F32");
            // the metadata carries the preprocessing as a string (the format allows no other values); the width is in the shapes
            JsonNode metadata = header.get("__metadata__");
            assertThat(metadata.has("mvdcn.width")).isFalse();
            assertThat(Preprocessing.fromJson(metadata.get("mvdcn.preprocessing").asText())).isEqualTo(preprocessing);
            assertThat(metadata.get("mvdcn.preprocessing").asText()).contains("\"dicomIntensity\":\"voi\"", "\"maxShift\":25");
            assertThat((8 + headerLength) % 8).as("data 8-byte aligned").isZero();
            ModelFile read = ModelFile.read(file);
            assertThat(read.width()).isEqualTo(0.125);
            assertThat(read.preprocessing()).isEqualTo(preprocessing);
            assertThat(read.sha256()).hasSize(64);
            assertThat(fc2.get("shape").toString()).isEqualTo("[3,128]");
            int begin = fc2.get("data_offsets").get(0).asInt();
            float first = ByteBuffer.wrap(bytes, 8 + (int) headerLength + begin, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
            assertThat(first).isEqualTo(a.referenceParameters().get("fc2.weight").getArray().toFloatArray()[0]);

            MultiViewNetwork b = network(manager, NARROW, 2);
            NetworkWeights.load(b, file);
            for (Map.Entry<String, ai.djl.nn.Parameter> e : a.referenceParameters().entrySet()) {
                assertThat(b.referenceParameters().get(e.getKey()).getArray().toFloatArray())
                        .as(e.getKey()).containsExactly(e.getValue().getArray().toFloatArray());
            }
        }
    }

    @Test
    void theThreeFormatsOfOneStateDictLoadIdentically() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork st = network(manager, NARROW, 1);
            MultiViewNetwork zip = network(manager, NARROW, 2);
            MultiViewNetwork legacy = network(manager, NARROW, 3);
            NetworkWeights.load(st, TestData.resource("parity/full.safetensors"));
            NetworkWeights.load(zip, TestData.resource("parity/full-zip.pt"));
            NetworkWeights.load(legacy, TestData.resource("parity/full-legacy.pt"));
            for (String name : st.referenceParameters().keySet()) {
                float[] expected = st.referenceParameters().get(name).getArray().toFloatArray();
                assertThat(zip.referenceParameters().get(name).getArray().toFloatArray()).as(name).containsExactly(expected);
                assertThat(legacy.referenceParameters().get(name).getArray().toFloatArray()).as(name).containsExactly(expected);
            }
        }
    }

    @Test
    void listsEveryMissingAndMisshapenTensor() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // quarter.safetensors has 9 convolutions per column; the full-resolution network needs 13
            MultiViewNetwork n = network(manager, NARROW, 1);
            Path file = TestData.resource("parity/quarter.safetensors");
            assertThatThrownBy(() -> NetworkWeights.load(n, file))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith(file + ": weights do not fit the network")
                    .hasMessageContaining("missing _conv_layer_ls.9.cc.weight (16, 16, 3, 3)")
                    .hasMessageContaining("missing _conv_layer_ls.12.mlo.bias")
                    .hasMessageContaining("fc1.weight has shape (64, 64), expected (128, 128)")
                    .hasMessageContaining("fc2.weight has shape (3, 64), expected (3, 128)");
        }
    }

    @Test
    void refusesUnexpectedNamesAndOtherDtypes() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork n = network(manager, NARROW, 1);
            Map<String, ai.djl.nn.Parameter> params = n.referenceParameters();
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            StringBuilder json = new StringBuilder("{");
            Iterator<Map.Entry<String, ai.djl.nn.Parameter>> it = params.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, ai.djl.nn.Parameter> e = it.next();
                boolean asDouble = e.getKey().equals("fc1.bias");
                long count = e.getValue().getArray().size();
                int start = data.size();
                data.write(new byte[(int) count * (asDouble ? 8 : 4)]);
                json.append(String.format("\"%s\":{\"dtype\":\"%s\",\"shape\":%s,\"data_offsets\":[%d,%d]},", e.getKey(),
                        asDouble ? "F64" : "F32", Arrays.toString(e.getValue().getShape().getShape()), start, data.size()));
            }
            json.append("\"extra.weight\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[")
                    .append(data.size()).append(',').append(data.size() + 8).append("]}}");
            data.write(new byte[8]);
            Path file = dir.resolve("odd.safetensors");
            writeSafetensors(file, json.toString(), data.toByteArray());
            assertThatThrownBy(() -> NetworkWeights.load(n, file))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("fc1.bias is float64, expected float32")
                    .hasMessageContaining("unexpected extra.weight (2)");
        }
    }

    @Test
    void refusesNaN() throws Exception {
        Path source = TestData.resource("parity/full.safetensors");
        byte[] bytes = Files.readAllBytes(source);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        int at = 8 + (int) headerLength + header.get("fc2.bias").get("data_offsets").get(0).asInt() + 4;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(at, Float.NaN);
        Path file = Files.write(dir.resolve("nan.safetensors"), bytes);
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork n = network(manager, NARROW, 1);
            assertThatThrownBy(() -> NetworkWeights.load(n, file))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage(file + ": weights contain non-finite values: fc2.bias[1] is NaN");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"full.safetensors", "full-zip.pt", "full-legacy.pt"})
    void refusesTruncatedFiles(String name) throws Exception {
        byte[] bytes = Files.readAllBytes(TestData.resource("parity/" + name));
        Path file = Files.write(dir.resolve(name), Arrays.copyOf(bytes, bytes.length * 3 / 5));
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork n = network(manager, NARROW, 1);
            assertThatThrownBy(() -> NetworkWeights.load(n, file))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith(file + ": ")
                    .hasMessageMatching(".*(truncated|corrupt).*");
        }
    }

    @Test
    void refusesMissingAndUnknownFiles() throws Exception {
        Path missing = dir.resolve("none.safetensors");
        Path text = Files.writeString(dir.resolve("weights.pt"), "definitely not weights");
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork n = network(manager, NARROW, 1);
            assertThatThrownBy(() -> NetworkWeights.load(n, missing))
                    .hasMessage(missing + ": weights file not found");
            assertThatThrownBy(() -> NetworkWeights.load(n, text))
                    .hasMessage(text + ": unrecognised weights format (expected safetensors or a torch.save state dict)");
        }
    }

    private static void writeSafetensors(Path file, String json, byte[] data) throws Exception {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(length.array());
        out.write(header);
        out.write(data);
        Files.write(file, out.toByteArray());
    }
}
