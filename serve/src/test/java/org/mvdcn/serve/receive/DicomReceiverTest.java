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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import java.time.Clock;
import org.mvdcn.dicom.TestDicom;
import org.mvdcn.serve.audit.AuditLog;
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
        receiver = DicomReceiver.start(0, "MVDCN", Set.of("MODALITY", "PACS"), ReceiveLimits.defaults(), dir.resolve("spool"), (file, callingAe, peer) -> {
            AttributeList a = new AttributeList();
            a.read(file.toString(), TagFromName.PixelData);
            received.put(Attribute.getSingleStringValueOrEmptyString(a, TagFromName.SOPInstanceUID),
                    callingAe + " " + Attribute.getSingleStringValueOrEmptyString(a, TagFromName.TransferSyntaxUID));
            Files.delete(file);
        }, log::add, new AuditLog(dir.resolve("audit"), Clock.systemUTC()));
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

    /**
     * Each transfer syntax the node accepts, from a sender that proposes that one alone (a storescu
     * profile with one presentation context and one transfer syntax), so no fallback can hide a refusal.
     */
    @ParameterizedTest
    @ValueSource(strings = {"1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70",
        "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91"})
    void aSenderProposingOnlyOneAcceptedTransferSyntaxIsServed(String syntax) throws Exception {
        assertThat(StorePresentationContexts.ACCEPTED).contains(syntax);
        Path file = dir.resolve("ts-" + syntax + ".dcm");
        TestDicom.Encoding encoding = switch (syntax) {
            case "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70" -> TestDicom.Encoding.JPEG_LOSSLESS;
            case "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91" -> TestDicom.Encoding.JPEG_2000;
            default -> TestDicom.Encoding.UNCOMPRESSED;
        };
        TestDicom.write(file, TestDicom.samplePng(View.L_CC), TestDicom.Spec.of(View.L_CC).encoding(encoding));
        if (syntax.equals("1.2.840.10008.1.2.4.57")) {
            Path plain = dir.resolve("plain-" + syntax + ".dcm");
            dcmtk("dcmdjpeg", file.toString(), plain.toString()); // to plain, then process 14 with its default predictor
            dcmtk("dcmcjpeg", "--encode-lossless", plain.toString(), file.toString());
        } else if (syntax.equals("1.2.840.10008.1.2.4.91")) {
            // the same lossless code stream is valid under the lossy-or-lossless UID: same length, so a byte patch
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("1.2.840.10008.1.2.4.90", syntax);
            Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
        }
        AttributeList a = new AttributeList();
        a.read(file.toString(), TagFromName.PixelData);
        String sop = Attribute.getSingleStringValueOrEmptyString(a, TagFromName.SOPInstanceUID);
        if (!syntax.startsWith("1.2.840.10008.1.2.4")) {
            assertThat(Attribute.getSingleStringValueOrEmptyString(a, TagFromName.TransferSyntaxUID)).startsWith("1.2.840.10008.1.2");
        } else {
            assertThat(Attribute.getSingleStringValueOrEmptyString(a, TagFromName.TransferSyntaxUID)).isEqualTo(syntax);
        }
        Path profile = dir.resolve("only-" + syntax + ".cfg");
        Files.writeString(profile, String.join("\n", "[[TransferSyntaxes]]", "[Only]", "TransferSyntax1 = " + syntax, "",
                "[[PresentationContexts]]", "[OnlyContexts]",
                "PresentationContext1 = " + Attribute.getSingleStringValueOrEmptyString(a, TagFromName.SOPClassUID) + "\\Only", "",
                "[[Profiles]]", "[OnlyProfile]", "PresentationContexts = OnlyContexts", ""));
        received.remove(sop);
        Run r = dcmtk("storescu", "--config-file", profile.toString(), "OnlyProfile", "-aet", "PACS", "-aec", "MVDCN", "127.0.0.1",
                String.valueOf(receiver.port()), file.toString());
        assertThat(r.exit).as(syntax + ": " + r.output).isZero();
        assertThat(received).as(syntax + ": stored as sent, by the caller").containsEntry(sop, "PACS " + syntax);
    }

    @Test
    void aSenderProposingOnlyJpegLsIsToldItsSyntaxIsNotSupported() throws Exception {
        Path file = dir.resolve("jpeg-ls.dcm");
        TestDicom.write(file, TestDicom.samplePng(View.L_CC), TestDicom.Spec.of(View.L_CC).encoding(TestDicom.Encoding.JPEG_LS));
        Path profile = dir.resolve("only-jpeg-ls.cfg");
        Files.writeString(profile, String.join("\n", "[[TransferSyntaxes]]", "[Only]", "TransferSyntax1 = 1.2.840.10008.1.2.4.80", "",
                "[[PresentationContexts]]", "[OnlyContexts]", "PresentationContext1 = 1.2.840.10008.5.1.4.1.1.1.2\\Only", "",
                "[[Profiles]]", "[OnlyProfile]", "PresentationContexts = OnlyContexts", ""));
        Run r = dcmtk("storescu", "--config-file", profile.toString(), "OnlyProfile", "-aet", "PACS", "-aec", "MVDCN", "127.0.0.1",
                String.valueOf(receiver.port()), file.toString());
        assertThat(r.exit).isNotZero();
        assertThat(r.output).containsIgnoringCase("no acceptable presentation contexts");
    }

    private record Run(int exit, String output) {}

    private static Run dcmtk(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }
}
