package org.mvdcn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
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
import org.mvdcn.preprocess.CropPlan;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.PreparedExam;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.weights.NetworkWeights;
import org.mvdcn.weights.StoredTensor;
import org.mvdcn.weights.WeightsFile;

/**
 * One fine-tuning step against plain PyTorch 1.13: from the parity weights (the released model's
 * legacy format), on the sample exam at every 4th pixel labelled BI-RADS 1, with conv1..conv2
 * frozen, one Adam step at 1e-3. The expected parameters and Adam's first moments (0.1 x each
 * gradient) come from tools/make_finetune_fixture.py, which computes the step with torch.optim.Adam
 * independently of this code. Measured (2026-12-06): parameters within 1.5e-8 of PyTorch's, first
 * moments within 1.1e-7; the bounds below leave about ten times that for other CPUs' rounding.
 */
class FineTuningPyTorchParityTest {

    private static Map<String, float[]> read(java.nio.file.Path file) {
        Map<String, float[]> tensors = new HashMap<>();
        for (StoredTensor t : WeightsFile.read(file)) {
            tensors.put(t.name(), t.floats());
        }
        return tensors;
    }

    private static Map<String, float[]> values(NDList arrays) {
        Map<String, float[]> out = new HashMap<>();
        arrays.forEach(a -> out.put(a.getName(), a.toFloatArray()));
        return out;
    }

    @Test
    void oneStepWithTheFirstLayersFrozenMatchesPyTorch() throws Exception {
        JsonNode settings = new ObjectMapper().readTree(TestData.resource("parity/finetune-step.json").toFile());
        Map<String, float[]> expected = read(TestData.resource("parity/finetune-step.safetensors"));
        int step = settings.path("subsample").asInt();
        Preprocessing wholeImage = Preprocessing.of(1, 2600 / step, 2000 / step);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            MultiViewNetwork network = new MultiViewNetwork(
                    new NetworkConfig(wholeImage.cropHeight(), wholeImage.cropWidth(), 0.125, 0, 0));
            network.initialize(manager);
            NetworkWeights.load(network, TestData.resource("parity/" + settings.path("weights").asText()));
            Map<String, float[]> before = new HashMap<>();
            network.referenceParameters().forEach((name, p) -> before.put(name, p.getArray().toFloatArray()));
            TrainingStep trainingStep = new TrainingStep(network, FrozenLayers.parse(settings.path("freeze").asText()), 0, manager);

            // the noise-free placement of a crop the image's size: the whole standardised image, as the script reads it
            PreparedExam exam = new ExamPipeline(wholeImage).prepare(TestData.sampleExamEvery(step).views(), new CropPlan(1, false),
                    new Random(0));
            NDList inputs = PreparedExam.inputs(manager, List.of(exam), 0);
            NDArray labels = manager.create(new long[] {settings.path("label").asLong()});
            double loss = trainingStep.take(inputs, labels, settings.path("learning_rate").asDouble(), null);
            assertThat(loss).isCloseTo(settings.path("loss").asDouble(), within(1e-4));

            Map<String, float[]> moments = values(trainingStep.adam().state());
            int frozen = 0;
            for (Map.Entry<String, ai.djl.nn.Parameter> e : network.referenceParameters().entrySet()) {
                String name = e.getKey();
                float[] after = e.getValue().getArray().toFloatArray();
                if (!e.getValue().requiresGradient()) {
                    frozen++;
                    assertThat(after).as("%s, frozen", name).containsExactly(before.get(name));
                    assertThat(expected.get(name)).as("%s, frozen in PyTorch", name).containsExactly(before.get(name));
                    assertThat(moments).as("Adam keeps no moments of a frozen layer").doesNotContainKey("adam.m." + name);
                    continue;
                }
                float[] torch = expected.get(name);
                float[] m = moments.get("adam.m." + name);
                float[] torchM = expected.get("adam.m." + name);
                int moved = 0;
                for (int i = 0; i < after.length; i++) {
                    assertThat(m[i]).as("%s first moment [%d]", name, i).isCloseTo(torchM[i], within(1e-6f));
                    assertThat(after[i]).as("%s [%d]", name, i).isCloseTo(torch[i], within(1e-7f));
                    moved += after[i] != before.get(name)[i] ? 1 : 0;
                }
                assertThat(moved).as("%s moved", name).isPositive();
            }
            assertThat(frozen).as("weight and bias of conv1, conv2a, conv2b and conv2c in both columns").isEqualTo(16);
        }
    }
}
