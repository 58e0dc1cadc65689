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
        int port = ServeProcess.freePort();
        Path script = Path.of(System.getProperty("mvdcn.root"), "docs", "orthanc", "mvdcn-forward.lua");
        try (Orthanc pacs = Orthanc.start(dir, Map.of("mvdcn", new Orthanc.Modality("MVDCN", port)), List.of(script));
                ServeProcess node = ServeProcess.start("--weights", TestData.resource("parity/full.safetensors").toString(),
                        "--port", String.valueOf(port), "--data", dir.resolve("node").toString(), "--quiet-seconds", "1",
                        "--destination", pacs.aeTitle() + "@" + pacs.address() + ":" + pacs.dicomPort(), "--threads", "2")) {
            node.await(l -> l.contains("listening for DICOM"), Duration.ofMinutes(1), "DICOM listener");
            for (Path f : TestDicom.sampleExam(dir.resolve("study"), s -> s.study(study, "PATIENT-ID-F", "ACC-F"))) {
                pacs.upload(f);
            }
            node.await(l -> l.contains("sent the results of study " + study), Duration.ofMinutes(3), "results sent");
            Thread.sleep(2000); // the SR and SC stored back are not forwarded: nothing more arrives
            assertThat(node.lines().stream().filter(l -> l.contains("received "))).hasSize(4);
            List<String> modalities = pacs.instancesOfStudy(study).stream().map(i -> i.get("Modality")).sorted().toList();
            assertThat(modalities).containsExactly("MG", "MG", "MG", "MG", "OT", "SR");
            assertThat(node.stop()).isZero();
        }
    }
}
