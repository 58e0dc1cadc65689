package org.mvdcn.serve.receive;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.dicom.TestDicom;
import org.mvdcn.exam.View;

/** The receiver as a peer sees it: dcmtk's echoscu and storescu, allowed and refused callers, compressed syntaxes. */
class DicomReceiverTest {

    @TempDir
    static Path dir;
    static DicomReceiver receiver;
    static final Map<String, String> received = new ConcurrentHashMap<>();
    static final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        receiver = DicomReceiver.start(0, "MVDCN", Set.of("MODALITY", "PACS"), dir.resolve("spool"), (file, callingAe) -> {
            AttributeList a = new AttributeList();
            a.read(file.toString(), TagFromName.PixelData);
            received.put(Attribute.getSingleStringValueOrEmptyString(a, TagFromName.SOPInstanceUID),
                    callingAe + " " + Attribute.getSingleStringValueOrEmptyString(a, TagFromName.TransferSyntaxUID));
            Files.delete(file);
        }, log::add);
    }

    @AfterAll
    static void stop() throws IOException {
        receiver.close();
    }

    @Test
    void anAllowedCallerIsAnsweredByCEcho() throws Exception {
        assertThat(dcmtk("echoscu", "-aet", "MODALITY", "-aec", "MVDCN", "127.0.0.1", String.valueOf(receiver.port())).exit).isZero();
    }

    @Test
    void aCallerNotAllowedIsRejectedAtAssociation() throws Exception {
        Run r = dcmtk("echoscu", "-aet", "STRANGER", "-aec", "MVDCN", "127.0.0.1", String.valueOf(receiver.port()));
        assertThat(r.exit).isNotZero();
        assertThat(r.output).contains("Association Rejected").contains("Calling AE Title Not Recognized");
        assertThat(log).anyMatch(l -> l.contains("refused an association") && l.contains("--allow-ae"));
    }

    @Test
    void aWrongCalledAeTitleIsRejected() throws Exception {
        Run r = dcmtk("echoscu", "-aet", "MODALITY", "-aec", "NOTMVDCN", "127.0.0.1", String.valueOf(receiver.port()));
        assertThat(r.exit).isNotZero();
        assertThat(r.output).contains("Association Rejected");
    }

    @Test
    void uncompressedJpegLosslessAndJpeg2000ImagesAreStored() throws Exception {
        // storescu proposes the file's compressed syntax only when told: -xs JPEG lossless, -xv JPEG 2000 lossless
        Map<TestDicom.Encoding, String> propose = Map.of(TestDicom.Encoding.UNCOMPRESSED, "-xe", TestDicom.Encoding.JPEG_LOSSLESS, "-xs",
                TestDicom.Encoding.JPEG_2000, "-xv");
        for (TestDicom.Encoding encoding : List.of(TestDicom.Encoding.UNCOMPRESSED, TestDicom.Encoding.JPEG_LOSSLESS,
                TestDicom.Encoding.JPEG_2000)) {
            Path file = dir.resolve(encoding + ".dcm");
            TestDicom.write(file, TestDicom.samplePng(View.L_CC), TestDicom.Spec.of(View.L_CC).encoding(encoding));
            AttributeList a = new AttributeList();
            a.read(file.toString(), TagFromName.PixelData);
            String sop = Attribute.getSingleStringValueOrEmptyString(a, TagFromName.SOPInstanceUID);
            String syntax = Attribute.getSingleStringValueOrEmptyString(a, TagFromName.TransferSyntaxUID);
            received.remove(sop);
            Run r = dcmtk("storescu", "-R", propose.get(encoding), "-aet", "PACS", "-aec", "MVDCN", "127.0.0.1", String.valueOf(receiver.port()), file.toString());
            assertThat(r.exit).as(encoding + ": " + r.output).isZero();
            assertThat(received).as(encoding + ": stored as sent, by the caller").containsEntry(sop, "PACS " + syntax);
        }
    }

    private record Run(int exit, String output) {}

    private static Run dcmtk(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }
}
