package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mvdcn.ExitCodes;
import org.mvdcn.TestData;
import org.mvdcn.model.Precision;

class PrecisionOptionTest {

    @Test
    void bf16OnACpuWithItRoundsTheArithmeticAndNothingElse() throws Exception {
        assumeThat(Precision.cpuHasBf16()).as("oneDNN does bf16 on this CPU").isTrue();
        // each in its own process: oneDNN reads its math mode once per process
        double[] fp32 = probabilities("fp32");
        double[] bf16 = probabilities("bf16");
        double largest = 0;
        for (int k = 0; k < 3; k++) {
            largest = Math.max(largest, Math.abs(fp32[k] - bf16[k]));
        }
        assertThat(largest).as("bf16 arithmetic reached the kernels").isGreaterThan(1e-6);
        assertThat(largest).as("and cost little accuracy").isLessThan(0.02);
    }

    @Test
    void bf16OnACpuWithoutItIsRefusedBeforeAnyWork() {
        assumeThat(Precision.cpuHasBf16()).as("oneDNN does bf16 on this CPU").isFalse();
        CommandRunner r = CommandRunner.run("predict", "--exam", TestData.sampleExam().toString(), "--weights",
                TestData.resource("parity/full.safetensors").toString(), "--precision", "bf16");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.error()).startsWith("mvdcn: --precision bf16 needs a CPU with AMX");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void bf16OnAGpuIsRefusedAndAnUnknownPrecisionIsNamed() {
        CommandRunner gpu = CommandRunner.run("predict", "--exam", TestData.sampleExam().toString(), "--weights",
                TestData.resource("parity/full.safetensors").toString(), "--precision", "bf16", "--device", "gpu");
        assertThat(gpu.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(gpu.error()).startsWith("mvdcn: --precision bf16 runs on CPUs only");
        CommandRunner unknown = CommandRunner.run("predict", "--exam", TestData.sampleExam().toString(), "--weights",
                TestData.resource("parity/full.safetensors").toString(), "--precision", "fp16");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.error()).isEqualTo("mvdcn: unknown precision 'fp16' (expected fp32 or bf16)");
    }

    @Test
    void scoreRefusesAPrecisionNoExecutorCouldRun(@org.junit.jupiter.api.io.TempDir Path dir) {
        String[] job = {"score", "--manifest", dir.resolve("manifest.csv").toString(), "--weights",
            TestData.resource("parity/full.safetensors").toString(), "--out", dir.resolve("scores").toString()};
        CommandRunner gpu = CommandRunner.run(CommandRunner.concat(job, "--precision", "bf16", "--device", "gpu"));
        assertThat(gpu.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(gpu.error()).startsWith("mvdcn: --precision bf16 runs on CPUs only");
        CommandRunner unknown = CommandRunner.run(CommandRunner.concat(job, "--precision", "fp16"));
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.error()).isEqualTo("mvdcn: unknown precision 'fp16' (expected fp32 or bf16)");
        assertThat(dir.resolve("scores")).doesNotExist();
    }

    /** The sample exam's probabilities from {@code predict --json} run in a fresh JVM at {@code precision}. */
    private static double[] probabilities(String precision) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "predict", "--exam",
                TestData.sampleExam().toString(), "--weights", TestData.resource("parity/full.safetensors").toString(), "--json",
                "--crops", "1", "--precision", precision));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        JsonNode json = new ObjectMapper().readTree(out);
        JsonNode p = json.path("probabilities");
        return new double[] {p.path("BI-RADS 0").asDouble(), p.path("BI-RADS 1").asDouble(), p.path("BI-RADS 2").asDouble()};
    }
}
