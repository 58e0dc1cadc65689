package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.TestData;
import org.mvdcn.dicom.Orthanc;
import org.mvdcn.dicom.TestDicom;

/** {@code mvdcn serve --dicomweb}: QIDO-RS finds a new study, WADO-RS retrieves it, STOW-RS stores the results. */
class ServeDicomWebTest {

    @Test
    void aStudyFoundByPollingComesBackByStow(@TempDir Path dir) throws Exception {
        String study = "1.2.826.0.1.3680043.10.1147.10";
        try (Orthanc pacs = Orthanc.start(dir, Map.of())) {
            for (Path f : TestDicom.sampleExam(dir.resolve("study"), s -> s.study(study, "PATIENT-ID-W", "ACC-W"))) {
                pacs.upload(f);
            }
            try (ServeProcess node = ServeProcess.start("--weights", TestData.resource("parity/full.safetensors").toString(),
                    "--port", "-1", "--data", dir.resolve("node").toString(), "--quiet-seconds", "1", "--dicomweb",
                    pacs.dicomWeb().toString(), "--dicomweb-since", "1900-01-01", "--poll-seconds", "1", "--threads", "2")) {
                node.await(l -> l.contains("received MG") && l.contains("from DICOMweb"), Duration.ofMinutes(1), "a WADO-RS retrieval");
                node.await(l -> l.contains("sent the results of study " + study) && l.contains("STOW-RS"), Duration.ofMinutes(3),
                        "results stored by STOW-RS");
                Thread.sleep(2500); // more polls: the study (now with the results in it) is not retrieved again
                assertThat(node.lines().stream().filter(l -> l.contains("computing study " + study))).hasSize(1);
                assertThat(node.stop()).isZero();
            }
            List<String> modalities = pacs.instancesOfStudy(study).stream().map(i -> i.get("Modality")).sorted().toList();
            assertThat(modalities).containsExactly("MG", "MG", "MG", "MG", "OT", "SR");
        }
    }
}
