package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.TestData;
import org.mvdcn.dicom.TestDicom;
import org.mvdcn.exam.View;

class PredictCommandTest {

    /**
     * libtorch writes its warnings to the process's own stderr (not through Java), once per
     * process: so a fresh JVM runs predict here, with the test's class path, and its whole stderr
     * is read. Only mvdcn's notes may be there; with --verbose the libraries' log lines are too.
     */
    @Test
    void aPredictionPrintsNoLibraryWarningsUnlessAskedForMore() throws Exception {
        String[] quiet = freshPredict();
        assertThat(new ObjectMapper().readTree(quiet[0]).path("crops").asInt()).isEqualTo(1);
        assertThat(quiet[1].lines().filter(l -> !l.startsWith("note: "))).as(quiet[1]).isEmpty();
        String[] verbose = freshPredict("--verbose");
        assertThat(new ObjectMapper().readTree(verbose[0]).path("crops").asInt()).isEqualTo(1);
        assertThat(verbose[1]).as("DJL's own INFO lines").contains("INFO ai.djl.");
    }

    /** predict --json on the sample exam in a fresh JVM: its stdout and stderr. */
    private static String[] freshPredict(String... extra) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "predict", "--exam", TestData.sampleExam().toString(),
                "--weights", TestData.resource("parity/full.safetensors").toString(), "--json"));
        command.addAll(java.util.List.of(extra));
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isZero();
        return new String[] {out, err};
    }

    @Test
    void jsonOutputCarriesPyTorchsProbabilitiesForTheLegacyFile() throws Exception {
        CommandRunner r = CommandRunner.run("predict", "--exam", TestData.sampleExam().toString(),
                "--weights", TestData.resource("parity/full-legacy.pt").toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode expected = new ObjectMapper().readTree(TestData.resource("parity/expected.json").toFile())
                .path("cases").path("full");
        assertThat(json.path("exam").asText()).isEqualTo(TestData.sampleExam().toString());
        for (int k = 0; k < 3; k++) {
            assertThat(json.path("probabilities").path("BI-RADS " + k).asDouble())
                    .isCloseTo(expected.path("probabilities").get(k).asDouble(), within(1e-4));
        }
        assertThat(json.path("entropy").asDouble()).isCloseTo(expected.path("entropy").asDouble(), within(1e-4));
        assertThat(json.path("crops").asInt()).isEqualTo(1);
        assertThat(json.path("seconds").asDouble()).isPositive();
    }

    @Test
    void aDicomStudyGivesThePredictionOfThePngsItWasMadeFrom(@TempDir Path dir) throws Exception {
        Path study = dir.resolve("study");
        TestDicom.sampleExam(study, s -> s.encoding(TestDicom.Encoding.JPEG_LOSSLESS));
        JsonNode expected = new ObjectMapper().readTree(TestData.resource("parity/expected.json").toFile())
                .path("cases").path("full");
        CommandRunner r = CommandRunner.run("predict", "--exam", study.toString(), "--weights",
                TestData.resource("parity/full.safetensors").toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        for (int k = 0; k < 3; k++) {
            assertThat(json.path("probabilities").path("BI-RADS " + k).asDouble())
                    .isCloseTo(expected.path("probabilities").get(k).asDouble(), within(1e-4));
        }
        // a JPEG-LS file among them is set aside, and the missing view says why
        TestDicom.write(study.resolve("img-2.dcm"), TestDicom.samplePng(View.L_CC),
                TestDicom.Spec.of(View.L_CC).encoding(TestDicom.Encoding.JPEG_LS));
        CommandRunner refused = CommandRunner.run("predict", "--exam", study.toString(), "--weights",
                TestData.resource("parity/full.safetensors").toString());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("no usable DICOM image of view L-CC").contains("img-2.dcm").contains("JPEG-LS");
    }

    @Test
    void theDicomIntensityModeIsStoredOrVoi() {
        CommandRunner r = CommandRunner.run("predict", "--exam", TestData.sampleExam().toString(), "--weights",
                TestData.resource("parity/full.safetensors").toString(), "--dicom-intensity", "window");
        assertThat(r.exitCode()).isEqualTo(64);
        assertThat(r.err()).contains("unknown DICOM intensity mode 'window' (expected stored or voi)");
    }

    @Test
    void tableOutputMarksTheMostLikelyClass() {
        CommandRunner r = CommandRunner.run("predict", "--exam", TestData.sampleExam().toString(),
                "--weights", TestData.resource("parity/full.safetensors").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        // PyTorch's probabilities for these weights are (0.465, 0.163, 0.372)
        assertThat(r.out()).containsPattern("BI-RADS 0 0\\.465\\d  <- most likely");
        assertThat(r.out()).contains("crops     1,");
    }
}
