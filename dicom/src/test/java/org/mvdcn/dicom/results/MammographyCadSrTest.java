package org.mvdcn.dicom.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.mvdcn.dicom.results.ResultsTestExam.ALGORITHM;
import static org.mvdcn.dicom.results.ResultsTestExam.WHEN;
import static org.mvdcn.dicom.results.ResultsTestExam.text;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.dicom.DicomInstance;
import org.mvdcn.dicom.DicomMammogramReader;
import org.mvdcn.dicom.TestDicom;
import org.mvdcn.exam.View;
import org.mvdcn.predict.Prediction;

class MammographyCadSrTest {

    @TempDir
    static Path dir;

    static Map<View, DicomInstance> images;
    static final Prediction PREDICTION = ResultsTestExam.prediction(0.2, 0.7, 0.1);
    static Path file;
    static AttributeList written;

    @BeforeAll
    static void writeReport() throws Exception {
        images = ResultsTestExam.write(dir.resolve("exam"));
        file = dir.resolve("sr.dcm");
        DicomFiles.write(MammographyCadSr.build(images, PREDICTION, ALGORITHM, WHEN), file);
        written = ResultsTestExam.read(file);
    }

    @Test
    void dicom3toolsFindsNoErrors() throws Exception {
        assertThat(TestDicom.validationErrors(file)).as("dciodvfy errors").isEmpty();
    }

    @Test
    void pixelMedsSrValidatorFindsNoErrors() throws Exception {
        String report = PixelMedSrValidator.report(written);
        assertThat(report.lines().filter(l -> l.startsWith("Error"))).as(report).isEmpty();
        assertThat(report).contains("Found Root Template TID_4000");
    }

    @Test
    void reportsTheAssessmentItsCertaintyAndTheDistribution() {
        CadSrContent sr = CadSrContent.of(written);
        assertThat(sr.assessmentCategory()).isEqualTo(1);
        assertThat(sr.certainty()).isCloseTo(70, within(1e-6));
        for (int k = 0; k < 3; k++) {
            assertThat(sr.probability(k)).isCloseTo(PREDICTION.probabilities()[k], within(1e-6));
        }
        assertThat(sr.entropy()).isCloseTo(PREDICTION.entropy(), within(1e-6));
        assertThat(sr.algorithmName()).isEqualTo("mvdcn");
        assertThat(sr.algorithmVersion()).isEqualTo(ALGORITHM.version());
    }

    @Test
    void assessesTheMostProbableCategory() {
        for (double[] p : new double[][] {{0.5, 0.3, 0.2}, {0.1, 0.2, 0.7}, {0.2, 0.45, 0.35}}) {
            CadSrContent sr = CadSrContent.of(MammographyCadSr.build(images, ResultsTestExam.prediction(p), ALGORITHM, WHEN));
            int argmax = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
            assertThat(sr.assessmentCategory()).isEqualTo(argmax);
            assertThat(sr.certainty()).isCloseTo(100 * p[argmax], within(1e-6));
        }
    }

    @Test
    void listsEachImageWithItsLateralityAndView() throws Exception {
        Map<String, String> expectedLaterality = new HashMap<>();
        Map<String, String> expectedView = new HashMap<>();
        for (var e : images.entrySet()) {
            String instance = text(ResultsTestExam.read(e.getValue().file()), TagFromName.SOPInstanceUID);
            expectedLaterality.put(instance, e.getKey().laterality() == View.Laterality.RIGHT ? "73056007" : "80248007");
            expectedView.put(instance, e.getKey().projection() == View.Projection.CC ? "399162004" : "399368009");
        }
        CadSrContent sr = CadSrContent.of(written);
        assertThat(sr.imageContext("DCM", "111027")).hasSize(4).isEqualTo(expectedLaterality);
        assertThat(sr.imageContext("DCM", "111031")).isEqualTo(expectedView);
    }

    @Test
    void joinsTheImagesStudyInASeriesOfItsOwn() throws Exception {
        AttributeList image = ResultsTestExam.read(images.get(View.L_CC).file());
        assertThat(text(written, TagFromName.StudyInstanceUID)).isEqualTo(text(image, TagFromName.StudyInstanceUID));
        assertThat(text(written, TagFromName.PatientID)).isEqualTo(text(image, TagFromName.PatientID));
        assertThat(text(written, TagFromName.PatientName)).isEqualTo(text(image, TagFromName.PatientName));
        assertThat(text(written, TagFromName.AccessionNumber)).isEqualTo(text(image, TagFromName.AccessionNumber));
        assertThat(text(written, TagFromName.SeriesInstanceUID)).isNotEqualTo(text(image, TagFromName.SeriesInstanceUID));
        assertThat(text(written, TagFromName.SOPClassUID)).isEqualTo("1.2.840.10008.5.1.4.1.1.88.50");
        assertThat(text(written, TagFromName.Modality)).isEqualTo("SR");
        assertThat(text(written, TagFromName.CompletionFlag)).isEqualTo("COMPLETE");
        assertThat(text(written, TagFromName.VerificationFlag)).isEqualTo("UNVERIFIED");
        assertThat(text(written, TagFromName.ContentDate)).isEqualTo("20250301");
        assertThat(text(written, TagFromName.ContentTime)).isEqualTo("143005");
        assertThat(text(written, TagFromName.TransferSyntaxUID)).isEqualTo(TransferSyntax.ExplicitVRLittleEndian);
    }

    @Test
    void pointsViewersAtTheImagesThroughTheEvidenceSequence() throws Exception {
        AttributeList study = SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(written,
                TagFromName.CurrentRequestedProcedureEvidenceSequence);
        assertThat(text(study, TagFromName.StudyInstanceUID)).isEqualTo(text(written, TagFromName.StudyInstanceUID));
        List<String> referenced = new ArrayList<>();
        SequenceAttribute series = (SequenceAttribute) study.get(TagFromName.ReferencedSeriesSequence);
        for (int s = 0; s < series.getNumberOfItems(); s++) {
            SequenceAttribute sops = (SequenceAttribute) series.getItem(s).getAttributeList().get(TagFromName.ReferencedSOPSequence);
            for (int i = 0; i < sops.getNumberOfItems(); i++) {
                referenced.add(text(sops.getItem(i).getAttributeList(), TagFromName.ReferencedSOPInstanceUID));
            }
        }
        List<String> expected = new ArrayList<>();
        for (DicomInstance image : images.values()) {
            expected.add(text(ResultsTestExam.read(image.file()), TagFromName.SOPInstanceUID));
        }
        assertThat(referenced).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void namesTheAlgorithmAsContributingEquipmentAsIheAirAsks() throws Exception {
        AttributeList equipment = SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(written,
                TagFromName.ContributingEquipmentSequence);
        CodedSequenceItem purpose = CodedSequenceItem.getSingleCodedSequenceItemOrNull(equipment,
                TagFromName.PurposeOfReferenceCodeSequence);
        assertThat(purpose.getCodeValue()).isEqualTo("Newcode1");
        assertThat(purpose.getCodingSchemeDesignator()).isEqualTo("99IHE");
        assertThat(text(equipment, TagFromName.ManufacturerModelName)).isEqualTo("mvdcn");
        assertThat(text(equipment, TagFromName.SoftwareVersions)).isEqualTo(ALGORITHM.version());
        assertThat(text(equipment, TagFromName.DeviceUID)).startsWith("2.25.");
        assertThat(text(written, TagFromName.SoftwareVersions)).isEqualTo("0.1.0-test");
    }

    @Test
    void aResendHasTheSameUidsAndAnotherAlgorithmVersionOthers() {
        AttributeList again = MammographyCadSr.build(images, ResultsTestExam.prediction(0.3, 0.3, 0.4), ALGORITHM, WHEN.plusDays(1));
        Algorithm retrained = new Algorithm("mvdcn", "fedcba9876543210".repeat(4), "0.1.0-test");
        AttributeList other = MammographyCadSr.build(images, PREDICTION, retrained, WHEN);
        for (var tag : List.of(TagFromName.SOPInstanceUID, TagFromName.SeriesInstanceUID)) {
            assertThat(text(again, tag)).isEqualTo(text(written, tag));
            assertThat(text(other, tag)).isNotEqualTo(text(written, tag));
        }
    }

    @Test
    void refusesImagesOfTwoStudiesNamingOnlyUids() throws Exception {
        AttributeList header = new AttributeList();
        header.read(images.get(View.R_MLO).file().toFile(), TagFromName.PixelData);
        header.get(TagFromName.StudyInstanceUID).setValue("1.2.826.0.1.3680043.10.1234.99");
        Path other = dir.resolve("other-study.dcm");
        header.write(other.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        Map<View, DicomInstance> mixed = new EnumMap<>(images);
        mixed.put(View.R_MLO, DicomMammogramReader.parse(other));
        assertThatThrownBy(() -> MammographyCadSr.build(mixed, PREDICTION, ALGORITHM, WHEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.2.826.0.1.3680043.10.1234.99")
                .hasMessageNotContaining("P001").hasMessageNotContaining("Sample");
    }

    @Test
    void refusesADistributionOverOtherClasses() {
        assertThatThrownBy(() -> MammographyCadSr.build(images, ResultsTestExam.prediction(0.5, 0.5), ALGORITHM, WHEN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 class probabilities");
    }
}
