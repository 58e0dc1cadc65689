package org.mvdcn.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.dicom.TestDicom;
import org.mvdcn.exam.View;
import org.mvdcn.serve.jobs.StudyJob;
import org.mvdcn.serve.jobs.StudyState;
import org.mvdcn.serve.web.RunningNode;

/** What a crash leaves in the spool is dealt with at the next start. */
class DicomNodeRecoveryTest {

    @Test
    void aRetrievalCutOffIsTakenInAndHalfReceivedObjectsAreDropped(@TempDir Path dir) throws Exception {
        String study = "1.2.826.0.1.3680043.10.1147.50";
        Path spool = Files.createDirectories(dir.resolve("data").resolve("spool"));
        // a WADO-RS retrieval whose files were not all moved into the inbox when the node died
        Path wado = Files.createDirectories(spool.resolve("wado-123"));
        TestDicom.write(wado.resolve("1.2.826.0.1.3680043.10.1147.50.9.dcm"), TestDicom.samplePng(View.L_CC),
                TestDicom.Spec.of(View.L_CC).study(study, "P", "A").instance(9));
        Files.writeString(wado.resolve(".staging.partial"), "half a file");
        // an object PixelMed was writing when the node died (its sender got no answer and sends it again)
        Files.writeString(spool.resolve("1.2.3.4"), "half an object");
        try (RunningNode running = RunningNode.start(dir, false)) {
            StudyJob job = running.node.jobs().get(study).orElseThrow();
            assertThat(job.images()).isEqualTo(1);
            assertThat(job.state()).isIn(StudyState.RECEIVED, StudyState.QUEUED, StudyState.RUNNING, StudyState.FAILED);
            try (var inbox = Files.list(running.node.studyFolder(study))) {
                assertThat(inbox.toList()).hasSize(1);
            }
            try (var left = Files.list(spool)) {
                assertThat(left.toList()).isEmpty();
            }
            assertThat(running.log).anyMatch(l -> l.contains("from DICOMweb (recovered)"));
        }
    }
}
