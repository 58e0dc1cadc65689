package org.mvdcn.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.pixelmed.dicom.SOPClass;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mvdcn.BadInputException;
import org.mvdcn.assess.ExamCheck;
import org.mvdcn.assess.ExamChecks;
import org.mvdcn.exam.Acquisition;
import org.mvdcn.exam.Equipment;
import org.mvdcn.exam.IntensityMode;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.PngMammogramWriter;
import org.mvdcn.exam.View;

/** The checks before scoring that a mammogram's attributes decide, and the refusals beside them. */
class DicomHeaderTest {

    @TempDir
    static Path dir;

    static Mammogram small;

    @BeforeAll
    static void readThePng() {
        small = TestDicom.sampleCorner();
    }

    private static Path write(String name, TestDicom.Spec spec) throws IOException {
        return TestDicom.write(dir.resolve(name + ".dcm"), small, spec);
    }

    private static List<ExamCheck> findings(String name, TestDicom.Spec spec) throws IOException {
        return DicomMammogramReader.header(write(name, spec)).findings();
    }

    /** The file's only finding, which withholds the assessment, has this code and says all of {@code reason}. */
    private static void assertWithheld(List<ExamCheck> findings, String code, String... reason) {
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.withholds()).isTrue();
            assertThat(f.code()).isEqualTo(code);
            assertThat(f.reason()).contains(reason);
        });
    }

    @Test
    void aScreeningViewHasNoFindings() throws IOException {
        Path file = write("plain", TestDicom.Spec.of(View.L_CC));
        assertThat(DicomMammogramReader.header(file).findings()).isEmpty();
    }

    @Test
    void anImplant() throws IOException {
        Path file = write("implant", TestDicom.Spec.of(View.L_CC).implant());
        assertThat(TestDicom.validationErrors(file)).as("dciodvfy").isEmpty();
        assertWithheld(DicomMammogramReader.header(file).findings(), "implant", "Breast Implant Present YES");
    }

    @Test
    void anyPathAsksTheFilesFormatForItsFindingsNamingTheViewAndTheFile() throws IOException {
        Path file = write("implant-named", TestDicom.Spec.of(View.L_CC).implant());
        assertThat(ExamChecks.attributes(View.L_CC, file, "a/b.dcm")).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("implant");
            assertThat(f.reason()).startsWith("L-CC a/b.dcm: a breast implant");
        });
        Path png = dir.resolve("plain.png");
        PngMammogramWriter.writeGray16(png, small.height(), small.width(), small.pixels());
        assertThat(ExamChecks.attributes(View.L_CC, png, "plain.png")).as("a PNG states nothing").isEmpty();
    }

    @Test
    void aPartialView() throws IOException {
        Path file = write("partial", TestDicom.Spec.of(View.R_MLO).partialView("upper half"));
        assertThat(TestDicom.validationErrors(file)).as("dciodvfy").isEmpty();
        assertWithheld(DicomMammogramReader.header(file).findings(), "partial-view", "Partial View YES: upper half");
    }

    /**
     * CID 4015 codes, SNOMED CT and SRT (MammogramChecks names the sources), where the MG IOD puts them
     * (dciodvfy checks the place, not the code).
     */
    @ParameterizedTest
    @CsvSource({"399055006, SCT, spot compression", "R-102D7, SRT, spot compression", "399163009, SCT, magnification",
        "399209000, SCT, implant displaced", "399161006, SCT, cleavage", "399110001, SCT, tangential",
        "414493004, SCT, rolled inferior", "R-102D3, SRT, rolled lateral", "441752004, SCT, anterior compression",
        "399011000, SCT, axillary tail"})
    void aViewModifierThatChangesWhatTheImageShows(String code, String scheme, String name) throws IOException {
        Path file = write("modifier-" + code, TestDicom.Spec.of(View.L_CC).viewModifier(code, scheme));
        assertThat(TestDicom.validationErrors(file)).as("dciodvfy").isEmpty();
        assertWithheld(DicomMammogramReader.header(file).findings(), "view-modifier", name + " (code " + code + ")");
    }

    @Test
    void modifiersThatNameWhatAScreeningViewShowsAreNoFinding() throws IOException {
        assertThat(findings("nipple", TestDicom.Spec.of(View.L_CC).viewModifier("442581004", "SCT"))).isEmpty();
        assertThat(findings("fold", TestDicom.Spec.of(View.L_MLO).viewModifier("R-40ABE", "SRT"))).isEmpty();
    }

    @Test
    void aTwoDimensionalImageGeneratedFromTomosynthesis() throws IOException {
        Path file = write("generated", TestDicom.Spec.of(View.L_CC).imageType("DERIVED\\PRIMARY\\\\GENERATED_2D"));
        // dicom3tools knows GENERATED_2D as a defined term of Value 4 (it warns of any other)
        assertThat(TestDicom.validation(file)).as("dciodvfy").noneMatch(l -> l.startsWith("Error") || l.contains("GENERATED_2D"));
        assertWithheld(DicomMammogramReader.header(file).findings(), "synthesised-2d", "Image Type DERIVED\\PRIMARY\\\\GENERATED_2D");
        assertWithheld(findings("projection", TestDicom.Spec.of(View.L_CC).sopClass(SOPClass.BreastProjectionXRayImageStorageForPresentation)),
                "synthesised-2d", "Breast Projection X-Ray");
    }

    @Test
    void severalFindingsOfOneImage() throws IOException {
        List<ExamCheck> found = findings("eklund", TestDicom.Spec.of(View.R_CC).implant().viewModifier("399209000", "SCT"));
        assertThat(found).extracting(ExamCheck::code).containsExactly("implant", "view-modifier");
    }

    /** Imager Pixel Spacing is read before Pixel Spacing (DicomHeader.spacing says why), the mean of its two values. */
    @Test
    void theEquipmentAndTheDetectorsPixelSpacing() throws IOException {
        Path file = write("equipment", TestDicom.Spec.of(View.L_CC).equipment("Vendor A", "Model X").imagerPixelSpacing("0.1\\0.12")
                .pixelSpacing("0.09\\0.09"));
        assertThat(TestDicom.validationErrors(file)).as("dciodvfy").isEmpty();
        Acquisition read = DicomMammogramReader.header(file).acquisition();
        assertThat(read.equipment()).isEqualTo(new Equipment("Vendor A", "Model X"));
        assertThat(read.spacing()).isCloseTo(0.11, within(1e-12));
        assertThat(new DicomMammogramReader().acquisition(file)).as("as training reads it").isEqualTo(read);
        assertThat(new DicomMammogramReader().read(file, IntensityMode.STORED).acquisition()).as("as scoring reads it").isEqualTo(read);
    }

    @Test
    void pixelSpacingWhenTheFileHasNoImagerPixelSpacingElseNone() throws IOException {
        Path calibrated = write("pixel-spacing", TestDicom.Spec.of(View.L_CC).imagerPixelSpacing(null).pixelSpacing("0.085\\0.085"));
        assertThat(DicomMammogramReader.header(calibrated).acquisition().spacing()).isCloseTo(0.085, within(1e-12));
        Acquisition none = DicomMammogramReader.header(write("no-spacing", TestDicom.Spec.of(View.L_CC).imagerPixelSpacing(null)))
                .acquisition();
        assertThat(none.statesSpacing()).isFalse();
        assertThat(none.equipment()).as("the model left out").isEqualTo(new Equipment("mvdcn tests", ""));
    }

    private static void assertRefused(Path file, String reason) {
        assertThatThrownBy(() -> DicomMammogramReader.header(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(reason);
    }

    @Test
    void secondaryCapturesTomosynthesisAndRawProjectionsAreRefused() throws IOException {
        // a screenshot that says MG is refused by its SOP class, single- or multi-frame
        String screenshot = "a secondary capture (a screenshot or a derived picture), not an acquired mammogram";
        assertRefused(write("sc", TestDicom.Spec.of(View.L_CC).sopClass(SOPClass.SecondaryCaptureImageStorage)), screenshot);
        assertRefused(write("sc-word", TestDicom.Spec.of(View.L_CC).sopClass(SOPClass.MultiframeGrayscaleWordSecondaryCaptureImageStorage)
                .modality("OT")), screenshot);
        assertRefused(write("tomo", TestDicom.Spec.of(View.L_CC).sopClass(SOPClass.BreastTomosynthesisImageStorage)),
                "a breast tomosynthesis image (1 frame)");
        assertRefused(write("raw-projection", TestDicom.Spec.of(View.L_CC).sopClass(SOPClass.BreastProjectionXRayImageStorageForProcessing)),
                "'for processing'");
    }
}
