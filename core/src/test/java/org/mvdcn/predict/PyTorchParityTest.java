package org.mvdcn.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mvdcn.TestData;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.model.NetworkConfig;

/**
 * mvdcn against plain PyTorch 1.13 on the real sample exam. The expected numbers and the weights
 * (in all three formats) come from tools/make_parity_fixtures.py, which implements SPEC section 1
 * in PyTorch independently of this code. "quarter" runs every 4th pixel (650x500), where the
 * column stops after conv4b: the lower-resolution rule.
 */
class PyTorchParityTest {

    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest(name = "{0} weights as {1}")
    @CsvSource({
        "full, full.safetensors", "full, full-zip.pt", "full, full-legacy.pt",
        "quarter, quarter.safetensors", "quarter, quarter-zip.pt", "quarter, quarter-legacy.pt"})
    void probabilitiesMatchPyTorch(String caseName, String weightsFile) throws IOException {
        JsonNode expected = new ObjectMapper().readTree(TestData.resource("parity/expected.json").toFile());
        JsonNode c = expected.path("cases").path(caseName);
        int step = c.path("subsample").asInt();
        ExamImages exam = TestData.sampleExamEvery(step);
        NetworkConfig config = NetworkConfig.paper()
                .withInput(c.path("height").asInt(), c.path("width").asInt())
                .withWidth(expected.path("width").asDouble());
        assertThat(config.columnLayout().convs()).hasSize(c.path("convs").asInt());

        // the width from the file's shapes; the reference's files record no preprocessing, so the crop is told
        java.util.List<String> notes = new java.util.ArrayList<>();
        var crop = new org.mvdcn.preprocess.PreprocessingOverrides(null, config.inputHeight(), config.inputWidth(), null, null);
        try (TrainedModel model = TrainedModel.load(TestData.resource("parity/" + weightsFile), null, crop, Device.cpu(), notes::add)) {
            assertThat(model.network().config().widthMultiplier()).isEqualTo(config.widthMultiplier());
            assertThat(notes).singleElement().asString().contains("records no preprocessing");
            Prediction p = new org.mvdcn.application.ExamApplication(model, 1, 0).predict(exam);
            for (int k = 0; k < 3; k++) {
                assertThat(p.probabilities()[k])
                        .as("P(BI-RADS %d)", k)
                        .isCloseTo(c.path("probabilities").get(k).asDouble(), within(TOLERANCE));
            }
            assertThat(p.entropy()).isCloseTo(c.path("entropy").asDouble(), within(TOLERANCE));
        }
    }
}
