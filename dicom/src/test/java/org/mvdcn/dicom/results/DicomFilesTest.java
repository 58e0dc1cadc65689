package org.mvdcn.dicom.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mvdcn.dicom.results.ResultsTestExam.text;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DicomFilesTest {

    @TempDir
    Path dir;

    private static AttributeList object(String instanceUid) throws Exception {
        AttributeList a = new AttributeList();
        Attributes.put(a, TagFromName.SOPClassUID, SaliencySecondaryCapture.SOP_CLASS);
        Attributes.put(a, TagFromName.SOPInstanceUID, instanceUid);
        Attributes.put(a, TagFromName.PatientID, "P001");
        return a;
    }

    @Test
    void writesAPart10FileInExplicitVrLittleEndian() throws Exception {
        Path file = dir.resolve("out.dcm");
        DicomFiles.write(object("2.25.1"), file);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(Arrays.copyOfRange(bytes, 128, 132), "US-ASCII")).isEqualTo("DICM");
        AttributeList back = ResultsTestExam.read(file);
        assertThat(text(back, TagFromName.TransferSyntaxUID)).isEqualTo(TransferSyntax.ExplicitVRLittleEndian);
        assertThat(text(back, TagFromName.MediaStorageSOPInstanceUID)).isEqualTo("2.25.1");
        assertThat(text(back, TagFromName.PatientID)).isEqualTo("P001");
    }

    @Test
    void replacesAnEarlierFileAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("out.dcm");
        DicomFiles.write(object("2.25.1"), file);
        DicomFiles.write(object("2.25.2"), file);
        assertThat(text(ResultsTestExam.read(file), TagFromName.SOPInstanceUID)).isEqualTo("2.25.2");
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void leavesTheCallersListWithoutAMetaHeader() throws Exception {
        AttributeList list = object("2.25.3");
        DicomFiles.write(list, dir.resolve("out.dcm"));
        assertThat(list.get(TagFromName.TransferSyntaxUID)).isNull();
        assertThat(list).hasSize(3);
    }
}
