package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.ExitCodes;
import org.mvdcn.TestData;

class DeviceOptionTest {

    private static final String NO_GPU = "mvdcn: --device gpu:0: there is no GPU on this machine that libtorch can use";

    @Test
    void cpuGivesWhatNoOptionGives() throws Exception {
        ObjectNode plain = predict();
        ObjectNode cpu = predict("--device", "cpu");
        assertThat(cpu).isEqualTo(plain);
    }

    @Test
    void aGpuOnAMachineWithoutOneStopsPredictBeforeAnyWork(@TempDir Path dir) {
        assumeThat(Engine.getInstance().getGpuCount()).as("this machine has a GPU").isZero();
        Path saliency = dir.resolve("saliency");
        CommandRunner r = CommandRunner.run("predict", "--exam", TestData.sampleExam().toString(), "--weights",
                TestData.resource("parity/full.safetensors").toString(), "--explain", saliency.toString(), "--device", "gpu");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.error()).startsWith(NO_GPU).contains("README").endsWith("use --device cpu");
        assertThat(r.out()).isEmpty();
        assertThat(saliency).doesNotExist();
    }

    @Test
    void aGpuOnAMachineWithoutOneStopsTrainAndEvaluateBeforeTheyReadAnything(@TempDir Path dir) {
        assumeThat(Engine.getInstance().getGpuCount()).as("this machine has a GPU").isZero();
        // a missing manifest would be exit 66: the device is refused first
        Path missing = dir.resolve("missing.csv");
        Path run = dir.resolve("run");
        CommandRunner train = CommandRunner.run("train", "--manifest", missing.toString(), "--out", run.toString(), "--epochs", "1",
                "--device", "gpu:0");
        assertThat(train.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(train.error()).startsWith(NO_GPU);
        assertThat(run).doesNotExist();
        CommandRunner evaluate = CommandRunner.run("evaluate", "--manifest", missing.toString(), "--weights",
                TestData.resource("parity/full.safetensors").toString(), "--out", dir.resolve("evaluation").toString(),
                "--device", "gpu");
        assertThat(evaluate.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(evaluate.error()).startsWith(NO_GPU);
        assertThat(Files.exists(dir.resolve("evaluation"))).isFalse();
    }

    @Test
    void aNameThatIsNoDeviceIsAUsageErrorNamingIt() {
        CommandRunner r = CommandRunner.run("explain", "--exam", TestData.sampleExam().toString(), "--weights",
                TestData.resource("parity/full.safetensors").toString(), "--out", "unused", "--device", "cuda:0");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.error()).isEqualTo("mvdcn: --device must be cpu, gpu or gpu:N, got 'cuda:0'");
    }

    /** predict --json on the sample exam, without the time it took. */
    private static ObjectNode predict(String... extra) throws Exception {
        String[] args = {"predict", "--exam", TestData.sampleExam().toString(), "--weights",
            TestData.resource("parity/full.safetensors").toString(), "--json", "--crops", "2"};
        CommandRunner r = CommandRunner.run(CommandRunner.concat(args, extra));
        assertThat(r.exitCode()).as(r.err()).isZero();
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(r.out());
        json.remove("seconds");
        return json;
    }
}
