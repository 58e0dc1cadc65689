package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.TestData;
import org.mvdcn.dicom.Orthanc;
import org.mvdcn.dicom.TestDicom;
import org.mvdcn.serve.NodeLoop;

/** {@code mvdcn serve --dicomweb}: QIDO-RS finds a new study, WADO-RS retrieves it, STOW-RS stores the results. */
class ServeDicomWebTest {

    @Test
    void aStudyFoundByPollingComesBackByStow(@TempDir Path dir) throws Exception {
        String study = "1.2.826.0.1.3680043.10.1147.10";
        try (Orthanc pacs = Orthanc.start(dir, Map.of())) {
            for (Path f : TestDicom.sampleExam(dir.resolve("study"), s -> s.study(study, "PATIENT-ID-W", "ACC-W"))) {
                pacs.upload(f);
            }
            // no DICOM listener and no C-STORE destination: the images can only come by WADO-RS, the results go by STOW-RS
            try (ServeProcess node = ServeProcess.start(dir.resolve("node"), "--weights", TestData.resource("parity/full.safetensors").toString(),
                    "--port", "-1", "--quiet-seconds", "1", "--dicomweb", pacs.dicomWeb().toString(), "--dicomweb-since", "1900-01-01",
                    "--poll-seconds", "1", "--threads", "2")) {
                JsonNode sent = node.awaitStudy(study, ServeProcess.RESULTS_SENT, Duration.ofMinutes(3), "results stored by STOW-RS");
                assertThat(sent.path("images").asInt()).isEqualTo(4);
                // a poll that began after the results were stored sees the study with them in it, and does not retrieve it again
                node.awaitPassAfterNow(NodeLoop.POLL);
                JsonNode after = node.study(study).orElseThrow();
                assertThat(after.path("images").asInt()).as("images received").isEqualTo(4);
                assertThat(after.path("finished")).as("computed again").isEqualTo(sent.path("finished"));
                assertThat(node.stop()).isZero();
            }
            List<String> modalities = pacs.instancesOfStudy(study).stream().map(i -> i.get("Modality")).sorted().toList();
            assertThat(modalities).containsExactly("MG", "MG", "MG", "MG", "OT", "SR");
        }
    }
}
