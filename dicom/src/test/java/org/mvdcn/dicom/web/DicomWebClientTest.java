package org.mvdcn.dicom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.BadInputException;
import org.mvdcn.dicom.Orthanc;
import org.mvdcn.dicom.TestDicom;
import org.mvdcn.exam.View;

/** Against a real PACS (Orthanc with its DICOMweb plugin) holding the four-view sample exam. */
class DicomWebClientTest {

    private static final String STUDY = "1.2.826.0.1.3680043.10.1234.1";

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static Orthanc orthanc;
    private static DicomWebClient client;
    /** The sample exam's files by SOP Instance UID. */
    private static final Map<String, Path> originals = new HashMap<>();

    @BeforeAll
    static void startPacsWithTheSampleExam() throws IOException {
        orthanc = Orthanc.start(shared.resolve("pacs"), Map.of());
        for (Path file : TestDicom.sampleExam(shared.resolve("exam"), UnaryOperator.identity())) {
            orthanc.upload(file);
            originals.put(InstanceUid.of(file), file);
        }
        client = new DicomWebClient(orthanc.dicomWeb());
    }

    @AfterAll
    static void stopPacs() {
        orthanc.close();
    }

    @Test
    void findsTheStudyByModality() throws IOException {
        assertThat(client.studies("MG", java.time.LocalDate.of(2017, 3, 1))).contains(new StudyRef(STUDY, "A001", "20170301"));
        assertThat(client.studies("MG", java.time.LocalDate.of(2017, 3, 2))).as("dated before the range")
                .noneMatch(s -> s.studyInstanceUid().equals(STUDY));
        assertThat(client.studies("CT", java.time.LocalDate.of(1900, 1, 1))).isEmpty();
    }

    @Test
    void retrievesEveryInstanceOfTheStudyAsTheFilesStored() throws Exception {
        Path folder = dir.resolve("retrieved");

        List<Path> files = client.retrieveStudy(STUDY, folder);

        assertThat(files).hasSize(4);
        try (var listed = Files.list(folder)) {
            assertThat(listed.toList()).as("no staged part left").containsExactlyInAnyOrderElementsOf(files);
        }
        for (Path file : files) {
            AttributeList attributes = new AttributeList();
            attributes.read(file.toFile());
            String uid = Attribute.getSingleStringValueOrEmptyString(attributes, TagFromName.SOPInstanceUID);
            assertThat(file.getFileName()).hasToString(uid + ".dcm");
            assertThat(attributes.getPixelData()).as(uid + " pixel data").isNotNull();
            assertThat(Files.mismatch(file, originals.get(uid))).as(uid + " differs from the file stored").isEqualTo(-1);
        }
        assertThat(files).map(f -> f.getFileName().toString().replace(".dcm", ""))
                .containsExactlyInAnyOrderElementsOf(originals.keySet());
    }

    @Test
    void namesTheStudyTheServerDoesNotHave() {
        assertThatThrownBy(() -> client.retrieveStudy("1.2.3.4", dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("GET " + orthanc.dicomWeb() + "/studies/1.2.3.4: HTTP 404")
                .hasMessageContaining("inexistent study");
    }

    @Test
    void storesANewStudy() throws Exception {
        String study = "1.2.826.0.1.3680043.10.1234.2";
        Path file = newStudyFile("new.dcm", View.L_CC, study, 1);

        client.store(List.of(file));

        assertThat(orthanc.instancesOfStudy(study)).singleElement()
                .satisfies(i -> assertThat(i).containsEntry("SOPInstanceUID", study + ".1").containsEntry("Modality", "MG"));
    }

    @Test
    void refusesAFileThatIsNotDicomBeforeSending() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not an image\n".repeat(20));

        assertThatThrownBy(() -> client.store(List.of(text)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("notes.txt: not a DICOM file");
    }

    @Test
    void namesTheFilesTheServerDidNotStore() throws Exception {
        String study = "1.2.826.0.1.3680043.10.1234.3";
        Path good = newStudyFile("good.dcm", View.R_CC, study, 1);
        // the header is whole, the pixel data cut short: read locally, refused by the server
        Path cut = dir.resolve("cut.dcm");
        byte[] whole = Files.readAllBytes(newStudyFile("whole.dcm", View.R_MLO, study, 2));
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> client.store(List.of(good, cut)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("POST " + orthanc.dicomWeb() + "/studies: HTTP 400, 1 of 2 instances not stored: "
                        + "cut.dcm (SOP Instance UID " + study + ".2): not stored, the server gave no reason")
                .hasMessageNotContaining("good.dcm");
        assertThat(orthanc.instancesOfStudy(study)).extracting(i -> i.get("SOPInstanceUID")).containsExactly(study + ".1");
    }

    /** A sample view as instance {@code instance} of another study than the sample exam's. */
    private Path newStudyFile(String name, View view, String study, int instance) throws IOException {
        return TestDicom.write(dir.resolve(name), TestDicom.samplePng(view),
                TestDicom.Spec.of(view).study(study, "P100", "A100").instance(instance));
    }
}
