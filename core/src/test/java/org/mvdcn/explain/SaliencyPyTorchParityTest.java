package org.mvdcn.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.mvdcn.TestData;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.View;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.weights.NetworkWeights;

/**
 * |dH/dx| on the real sample exam against plain PyTorch's (tools/make_parity_fixtures.py): the
 * maximum and where it is, tile sums over the whole image, and every pixel of a patch around the
 * maximum, each within 1e-4 of the map's maximum (tile sums: of the largest tile sum).
 */
class SaliencyPyTorchParityTest {

    @Test
    void mapsMatchPyTorch() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(TestData.resource("parity/saliency-full.json").toFile());
        ExamImages exam = ExamImages.readPngFolder(TestData.sampleExam());
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = new MultiViewNetwork(NetworkConfig.paper().withWidth(0.125));
            network.initialize(manager);
            NetworkWeights.load(network, TestData.resource("parity/full.safetensors"));
            SaliencyMaps maps;
            try (SaliencyExplainer explainer = new SaliencyExplainer(network, manager, new ExamPipeline(Preprocessing.paper()))) {
                maps = explainer.explain(exam, 1, 0);
            }
            assertThat(maps.prediction().entropy()).isCloseTo(expected.path("entropy").asDouble(), within(1e-4));
            for (View v : View.values()) {
                JsonNode e = expected.path("views").path(v.label());
                float[] map = maps.map(v);
                int w = exam.view(v).width();
                double max = e.path("max").asDouble();
                double tolerance = 1e-4 * max;
                int at = e.path("argmax").get(0).asInt() * w + e.path("argmax").get(1).asInt();
                assertThat((double) map[at]).as("%s at PyTorch's argmax", v).isCloseTo(max, within(tolerance));
                int top = e.path("window").get(0).asInt();
                int left = e.path("window").get(1).asInt();
                JsonNode rows = e.path("window_values");
                for (int r = 0; r < rows.size(); r++) {
                    for (int c = 0; c < rows.get(r).size(); c++) {
                        assertThat((double) map[(top + r) * w + left + c]).as("%s pixel (%d, %d)", v, top + r, left + c)
                                .isCloseTo(rows.get(r).get(c).asDouble(), within(tolerance));
                    }
                }
                int block = e.path("block").asInt();
                JsonNode sums = e.path("block_sums");
                double largest = 0;
                for (JsonNode row : sums) {
                    for (JsonNode s : row) {
                        largest = Math.max(largest, s.asDouble());
                    }
                }
                for (int by = 0; by < sums.size(); by++) {
                    for (int bx = 0; bx < sums.get(by).size(); bx++) {
                        double sum = 0;
                        for (int y = by * block; y < (by + 1) * block; y++) {
                            for (int x = bx * block; x < (bx + 1) * block; x++) {
                                sum += map[y * w + x];
                            }
                        }
                        assertThat(sum).as("%s tile (%d, %d)", v, by, bx)
                                .isCloseTo(sums.get(by).get(bx).asDouble(), within(1e-4 * largest));
                    }
                }
            }
        }
    }
}
