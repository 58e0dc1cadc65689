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

/** The README's Orthanc set-up as a user copies it: the forwarding script sends a stored study to the node unasked. */
class ServeForwardingTest {

    @Test
    void orthancWithTheForwardingScriptSendsNewMammogramsAndGetsTheResultsBack(@TempDir Path dir) throws Exception {
        String study = "1.2.826.0.1.3680043.10.1147.20";
        String marker = "1.2.826.0.1.3680043.10.1147.21";
        int port = ServeProcess.freePort();
        Path script = Path.of(System.getProperty("mvdcn.root"), "docs", "orthanc", "mvdcn-forward.lua");
        try (Orthanc pacs = Orthanc.start(dir, Map.of("mvdcn", new Orthanc.Modality("MVDCN", port)), List.of(script));
                ServeProcess node = ServeProcess.start(dir.resolve("node"), "--weights", TestData.resource("parity/full.safetensors").toString(),
                        "--port", String.valueOf(port), "--quiet-seconds", "1",
                        "--destination", pacs.aeTitle() + "@" + pacs.address() + ":" + pacs.dicomPort(), "--threads", "2")) {
            for (Path f : TestDicom.sampleExam(dir.resolve("study"), s -> s.study(study, "PATIENT-ID-F", "ACC-F"))) {
                pacs.upload(f);
            }
            node.awaitStudy(study, ServeProcess.RESULTS_SENT, Duration.ofMinutes(3), "results sent");
            // Orthanc runs its scripts' callbacks one at a time, in the order it stored the instances, and forwards in that
            // order: once a mammogram stored after the SR and SC has reached the node, whatever the script made of them has too
            pacs.upload(TestDicom.sampleExam(dir.resolve("marker"), s -> s.study(marker, "PATIENT-ID-M", "ACC-M")).get(0));
            node.awaitStudy(marker, s -> true, Duration.ofMinutes(1), "the mammogram stored after the results");
            assertThat(node.study(study).orElseThrow().path("images").asInt()).as("objects the node received of the study").isEqualTo(4);
            List<String> modalities = pacs.instancesOfStudy(study).stream().map(i -> i.get("Modality")).sorted().toList();
            assertThat(modalities).containsExactly("MG", "MG", "MG", "MG", "OT", "SR");
            assertThat(node.stop()).isZero();
        }
    }
}
