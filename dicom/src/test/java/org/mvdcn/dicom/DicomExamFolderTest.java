package org.mvdcn.dicom;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.BadInputException;
import org.mvdcn.TestData;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.View;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import java.util.OptionalDouble;
import org.mvdcn.application.ExamApplication;
import org.mvdcn.assess.ExamCheck;
import org.mvdcn.data.ExamCandidates;
import org.mvdcn.data.ImageRecord;
import org.mvdcn.predict.Prediction;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.Preprocessing;

class DicomExamFolderTest {

    @TempDir
    static Path dir;

    static NDManager manager;
    static MultiViewNetwork network;
    static ExamApplication application;
    static double[] png;

    @BeforeAll
    static void predictThePngExam() {
        manager = NDManager.newBaseManager();
        // any fixed network will do: the same pixels must give the same output
        network = new MultiViewNetwork(NetworkConfig.paper().withWidth(0.25));
        network.initialize(manager);
        application = application(0);
        png = application.predict(ExamImages.readPngFolder(TestData.sampleExam())).probabilities();
    }

    private static ExamApplication application(long seed) {
        return new ExamApplication(network, manager, new ExamPipeline(Preprocessing.paper()), OptionalDouble.empty(), null, 1, seed);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static void assertSamePrediction(String name, UnaryOperator<TestDicom.Spec> variant) throws Exception {
        Path folder = dir.resolve(name);
        TestDicom.sampleExam(folder, variant);
        ExamCandidates exam = DicomExamFolder.read(folder).candidates();
        assertThat(exam.images().values()).allSatisfy(images -> assertThat(images).hasSize(1));
        assertThat(exam.notes()).isEmpty();
        double[] p = application.predict(exam).prediction().probabilities();
        for (int k = 0; k < 3; k++) {
            assertThat(p[k]).as(name + " class " + k).isCloseTo(png[k], within(1e-5));
        }
    }

    @Test
    void uncompressedTwelveBit() throws Exception {
        assertSamePrediction("uncompressed", s -> s);
    }

    @Test
    void jpegLossless() throws Exception {
        assertSamePrediction("jpeg-lossless", s -> s.encoding(TestDicom.Encoding.JPEG_LOSSLESS));
    }

    @Test
    void jpeg2000() throws Exception {
        assertSamePrediction("jpeg-2000", s -> s.encoding(TestDicom.Encoding.JPEG_2000));
    }

    @Test
    void monochrome1InDisplayOrientation() throws Exception {
        // right views stored as a viewer shows them (chest wall right, PatientOrientation P\L): mirrored back once
        assertSamePrediction("monochrome1-display", s -> s.laterality.equals("R") ? s.monochrome1().displayOrientation() : s.monochrome1());
    }

    @Test
    void aMissingViewIsReportedWithWhyOtherFilesWereSetAside() throws Exception {
        Path folder = dir.resolve("missing");
        TestDicom.sampleExam(folder, s -> s.viewPosition.equals("MLO") && s.laterality.equals("L") ? s.forProcessing() : s);
        Files.writeString(folder.resolve("notes.txt"), "not an image");
        assertThatThrownBy(() -> DicomExamFolder.read(folder)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(folder.toString()).hasMessageContaining("no usable DICOM image of view L-MLO")
                .hasMessageContaining("img-4.dcm").hasMessageContaining("'for processing'");
    }

    @Test
    void oneStudyPerFolder() throws Exception {
        Path folder = dir.resolve("two-studies");
        TestDicom.sampleExam(folder, s -> s);
        TestDicom.write(folder.resolve("other.dcm"), TestDicom.samplePng(View.L_CC),
                TestDicom.Spec.of(View.L_CC).study("1.2.826.0.1.3680043.10.1234.2", "P001", "A002"));
        assertThatThrownBy(() -> DicomExamFolder.read(folder)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("images of 2 studies").hasMessageContaining("one study per folder");
    }

    @Test
    void severalImagesOfAViewAreDrawnWithTheSeed() throws Exception {
        Path folder = dir.resolve("repeat");
        TestDicom.sampleExam(folder, s -> s);
        TestDicom.write(folder.resolve("retake.dcm"), TestDicom.samplePng(View.L_CC), TestDicom.Spec.of(View.L_CC).instance(9)
                .acquisitionTime("103000"));
        java.util.Set<Path> drawn = new java.util.HashSet<>();
        ExamCandidates exam = DicomExamFolder.read(folder).candidates();
        assertThat(exam.images().get(View.L_CC)).hasSize(2);
        for (long seed = 0; seed < 8; seed++) {
            ExamApplication.Result result = application(seed).predict(exam);
            assertThat(result.notes()).singleElement().asString().startsWith("L-CC: 2 images, drew ");
            drawn.add(result.images().get(View.L_CC));
            assertThat(application(seed).predict(exam).images()).isEqualTo(result.images());
        }
        assertThat(drawn).hasSize(2);
    }

    @Test
    void aViewPrefersItsImageWithoutFindings() throws Exception {
        Path folder = dir.resolve("implant-twin");
        TestDicom.sampleExam(folder, s -> s);
        TestDicom.write(folder.resolve("implant.dcm"), TestDicom.sampleCorner(), TestDicom.Spec.of(View.L_CC).implant().instance(9));
        ExamCandidates exam = DicomExamFolder.read(folder).candidates();
        assertThat(exam.images().get(View.L_CC)).extracting(ImageRecord::path).containsExactly(folder.resolve("img-2.dcm"));
        assertThat(exam.checks()).isEmpty();
        assertThat(exam.notes()).containsExactly("set aside implant.dcm: a breast implant (Breast Implant Present YES): the model was "
                + "not trained on breasts with implants (L-CC has an image without such findings)");
    }

    @Test
    void aViewWhoseEveryImageHasFindingsIsScoredButNotAssessed() throws Exception {
        Path folder = dir.resolve("implant-only");
        // img-2.dcm is the L-CC: an implant, displaced for the view (Eklund)
        TestDicom.sampleExam(folder, s -> s.laterality.equals("L") && s.viewPosition.equals("CC")
                ? s.implant().viewModifier("399209000", "SCT") : s);
        ExamCandidates exam = DicomExamFolder.read(folder).candidates();
        assertThat(exam.images().get(View.L_CC)).hasSize(1);
        assertThat(exam.notes()).isEmpty();
        assertThat(exam.checks()).extracting(ExamCheck::code).containsExactly("implant", "view-modifier");
        assertThat(exam.checks()).allSatisfy(c -> assertThat(c.reason()).startsWith("L-CC img-2.dcm: "));
        Prediction p = application.predict(exam).prediction();
        assertThat(p.assessed()).isFalse();
        assertThat(p.notAssessedBecause()).contains("L-CC img-2.dcm: a breast implant (Breast Implant Present YES): the model was not "
                + "trained on breasts with implants", "L-CC img-2.dcm: view modifier implant displaced (code 399209000): a work-up view, "
                + "not the screening CC or MLO the model reads");
        // scored all the same: the same pixels as the PNG exam's
        for (int k = 0; k < 3; k++) {
            assertThat(p.probabilities()[k]).isCloseTo(png[k], within(1e-5));
        }
    }
}
