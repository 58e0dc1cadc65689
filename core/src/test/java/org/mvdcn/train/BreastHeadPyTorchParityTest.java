package org.mvdcn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mvdcn.TestData;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.model.OutputHead;
import org.mvdcn.preprocess.CropPlan;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.PreparedExam;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.weights.NetworkWeights;
import org.mvdcn.weights.StoredTensor;
import org.mvdcn.weights.WeightsFile;

/**
 * {@code --head breast} against plain PyTorch 1.13: the parity network (width 0.125, the sample
 * exam at every 4th pixel) with one head per breast, from tools/make_breast_head_fixture.py, which
 * routes the views, applies the exam rule and takes one torch.optim.Adam step on the two breasts'
 * summed cross-entropy independently of this code.
 */
class BreastHeadPyTorchParityTest {

    @Test
    void theExamsProbabilitiesAndOneStepOnBreastLabelsMatchPyTorch() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(TestData.resource("parity/breast-step.json").toFile());
        Map<String, float[]> after = new HashMap<>();
        for (StoredTensor t : WeightsFile.read(TestData.resource("parity/breast-step.safetensors"))) {
            after.put(t.name(), t.floats());
        }
        int step = expected.path("subsample").asInt();
        Preprocessing wholeImage = Preprocessing.of(1, 2600 / step, 2000 / step);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            MultiViewNetwork network = new MultiViewNetwork(
                    new NetworkConfig(wholeImage.cropHeight(), wholeImage.cropWidth(), 0.125, 0, 0).withHead(OutputHead.BREAST));
            network.initialize(manager);
            NetworkWeights.load(network, TestData.resource("parity/breast-head.safetensors"));
            PreparedExam exam = new ExamPipeline(wholeImage).prepare(TestData.sampleExamEvery(step).views(), new CropPlan(1, false),
                    new Random(0));
            NDList inputs = PreparedExam.inputs(manager, List.of(exam), 0);

            float[] probabilities = network.forward(new ParameterStore(manager, false), inputs, false).singletonOrThrow().softmax(1)
                    .toFloatArray();
            for (int k = 0; k < 3; k++) {
                assertThat((double) probabilities[k]).as("BI-RADS %d", k).isCloseTo(expected.path("exam").get(k).asDouble(), within(1e-5));
            }

            TrainingStep trainingStep = new TrainingStep(network, null, 0, manager);
            double loss = trainingStep.take(inputs, manager.create(new long[] {expected.path("left_label").asLong(),
                expected.path("right_label").asLong()}, new Shape(1, 2)), expected.path("learning_rate").asDouble(), null);
            assertThat(loss).isCloseTo(expected.path("loss").asDouble(), within(1e-4));
            assertThat(network.referenceParameters()).hasSameSizeAs(after);
            network.referenceParameters().forEach((name, p) -> {
                float[] mine = p.getArray().toFloatArray();
                float[] torch = after.get(name);
                for (int i = 0; i < mine.length; i++) {
                    assertThat(mine[i]).as("%s [%d]", name, i).isCloseTo(torch[i], within(1e-6f));
                }
            });
        }
    }
}
