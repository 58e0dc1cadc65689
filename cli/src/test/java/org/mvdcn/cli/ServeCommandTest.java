package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pixelmed.dicom.AttributeList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.TestData;
import org.mvdcn.dicom.Orthanc;
import org.mvdcn.dicom.TestDicom;
import org.mvdcn.dicom.results.CadSrContent;
import org.mvdcn.serve.NodeLoop;

/**
 * {@code mvdcn serve} beside a real PACS: Orthanc (in its own network namespace) sends a study to
 * the node, the node sends its Mammography CAD SR and Secondary Capture back into the study.
 */
class ServeCommandTest {

    private static final String WEIGHTS = TestData.resource("parity/full.safetensors").toString();
    private static final Duration STUDY_WITHIN = Duration.ofMinutes(3);

    @TempDir
    static Path dir;
    static Orthanc pacs;
    static int port;

    @BeforeAll
    static void startPacs() throws Exception {
        port = ServeProcess.freePort();
        pacs = Orthanc.start(dir, Map.of("mvdcn", new Orthanc.Modality("MVDCN", port)));
    }

    @AfterAll
    static void stopPacs() {
        pacs.close();
    }

    private static ServeProcess node(Path data) throws Exception {
        return ServeProcess.start(data, "--weights", WEIGHTS, "--port", String.valueOf(port), "--quiet-seconds", "1",
                "--destination", pacs.aeTitle() + "@" + pacs.address() + ":" + pacs.dicomPort(), "--allow-ae", pacs.aeTitle(),
                "--threads", "2");
    }

    private static Predicate<JsonNode> status(String state) {
        return s -> s.path("status").asText().equals(state);
    }

    /** Writes the sample exam as a study of its own and stores it in the PACS; returns its folder. */
    private static Path studyInPacs(String name, String studyUid, String patientId) throws Exception {
        Path folder = dir.resolve(name);
        for (Path f : TestDicom.sampleExam(folder, s -> s.study(studyUid, patientId, "ACC-" + name))) {
            pacs.upload(f);
        }
        return folder;
    }

    private static List<AttributeList> objectsOfModality(String studyUid, String modality) throws Exception {
        List<AttributeList> out = new ArrayList<>();
        for (Map<String, String> instance : pacs.instancesOfStudy(studyUid)) {
            if (instance.get("Modality").equals(modality)) {
                Path file = Files.createTempFile(dir, "from-pacs", ".dcm");
                Files.write(file, pacs.instanceFile(instance.get("ID")));
                AttributeList a = new AttributeList();
                a.read(file.toString());
                out.add(a);
                assertThat(TestDicom.validationErrors(file)).as(modality + " from the PACS, dciodvfy").isEmpty();
            }
        }
        return out;
    }

    @Test
    void aStudySentByThePacsComesBackAsAnSrWithPredictsNumbersAndASecondaryCapture() throws Exception {
        String study = "1.2.826.0.1.3680043.10.1147.1";
        Path folder = studyInPacs("study-a", study, "PATIENT-ID-A");
        long seconds;
        try (ServeProcess node = node(dir.resolve("node-a"))) {
            pacs.sendStudyToModality("mvdcn", study);
            long received = System.nanoTime();
            node.awaitStudy(study, ServeProcess.RESULTS_SENT, STUDY_WITHIN, "results sent");
            seconds = (System.nanoTime() - received) / 1_000_000_000L;
            assertThat(node.log()).as("no patient ID in the log").doesNotContain("PATIENT-ID-A");
            assertThat(node.stop()).isZero();
        }
        System.out.println("serve: last image received -> SR and SC stored in the PACS: " + seconds + " s");

        CommandRunner predict = CommandRunner.run("predict", "--exam", folder.toString(), "--weights", WEIGHTS, "--json");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        JsonNode expected = new ObjectMapper().readTree(predict.out());
        double[] p = new double[3];
        for (int k = 0; k < 3; k++) {
            p[k] = expected.path("probabilities").path("BI-RADS " + k).asDouble();
        }
        int argmax = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;

        List<AttributeList> srs = objectsOfModality(study, "SR");
        assertThat(srs).hasSize(1);
        CadSrContent sr = CadSrContent.of(srs.get(0));
        assertThat(sr.assessmentCategory()).isEqualTo(argmax);
        for (int k = 0; k < 3; k++) {
            assertThat(sr.probability(k)).isCloseTo(p[k], within(1e-6));
        }
        assertThat(sr.entropy()).isCloseTo(expected.path("entropy").asDouble(), within(1e-6));
        assertThat(sr.studyUid()).isEqualTo(study);
        assertThat(objectsOfModality(study, "OT")).hasSize(1);
    }

    @Test
    void killedWhileComputingTheNodeFinishesTheStudyOnceAfterARestart() throws Exception {
        String study = "1.2.826.0.1.3680043.10.1147.2";
        studyInPacs("study-b", study, "PATIENT-ID-B");
        Path data = dir.resolve("node-b");
        try (ServeProcess first = node(data)) {
            pacs.sendStudyToModality("mvdcn", study);
            first.awaitStudy(study, status("running"), STUDY_WITHIN, "computing");
            first.kill9();
        }
        assertThat(objectsOfModality(study, "SR")).as("nothing sent before the kill").isEmpty();
        JsonNode done;
        try (ServeProcess second = node(data)) {
            done = second.awaitStudy(study, ServeProcess.RESULTS_SENT, STUDY_WITHIN, "results sent");
            assertThat(second.stop()).isZero();
        }
        try (ServeProcess third = node(data)) {
            // each loop's first pass began after the restart's recovery; a done study is never computed or sent again after it
            third.awaitPassAfterNow(NodeLoop.COMPUTE);
            third.awaitPassAfterNow(NodeLoop.SEND);
            JsonNode after = third.study(study).orElseThrow();
            assertThat(after.path("finished")).as("computed again").isEqualTo(done.path("finished"));
            assertThat(after.path("sendAttempts")).as("sent again").isEqualTo(done.path("sendAttempts"));
            third.stop();
        }
        assertThat(objectsOfModality(study, "SR")).hasSize(1);
        assertThat(objectsOfModality(study, "OT")).hasSize(1);
    }

    @Test
    void aStudyMissingAViewFailsWithTheReasonAndNothingIsSent() throws Exception {
        String study = "1.2.826.0.1.3680043.10.1147.3";
        Path folder = dir.resolve("study-c");
        List<Path> files = TestDicom.sampleExam(folder, s -> s.study(study, "PATIENT-ID-C", "ACC-C"));
        for (Path f : files) {
            if (!f.getFileName().toString().equals("img-2.dcm")) { // img-2 is the L-CC view
                pacs.upload(f);
            }
        }
        try (ServeProcess node = node(dir.resolve("node-c"))) {
            pacs.sendStudyToModality("mvdcn", study);
            JsonNode failed = node.awaitStudy(study, status("failed"), STUDY_WITHIN, "the failure");
            assertThat(failed.path("reason").asText()).contains("no usable DICOM image of view L-CC");
            node.awaitPassAfterNow(NodeLoop.SEND);
            assertThat(node.study(study).orElseThrow().path("sent").asText()).isEqualTo("none");
            node.stop();
        }
        assertThat(pacs.instancesOfStudy(study)).hasSize(3);
    }
}
