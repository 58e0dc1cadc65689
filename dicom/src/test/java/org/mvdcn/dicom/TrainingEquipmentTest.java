package org.mvdcn.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.application.ExamApplication;
import org.mvdcn.assess.ExamCheck;
import org.mvdcn.assess.TrainingAcquisition;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.ImageRecord;
import org.mvdcn.data.Split;
import org.mvdcn.exam.Equipment;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.MammogramFiles;
import org.mvdcn.exam.View;
import org.mvdcn.predict.Prediction;
import org.mvdcn.predict.TrainedModel;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.preprocess.PreprocessingOverrides;
import org.mvdcn.weights.ModelFile;
import org.mvdcn.weights.SafetensorsWriter;
import org.mvdcn.weights.UntrainedWeights;

/**
 * A model whose training exams came from one equipment at 0.1 mm (recorded as the step after
 * training records it, into the model file's metadata) scores DICOM studies from other equipment,
 * or at other pixel spacings, with the checks' findings; a model file without the record checks nothing.
 */
class TrainingEquipmentTest {

    @TempDir
    static Path dir;

    static final Preprocessing CROP = Preprocessing.of(1, 240, 180);
    static final Equipment A = new Equipment("Vendor A", "Model X");

    static Mammogram corner;
    static TrainingAcquisition trained;
    static Path recorded;
    static Path unrecorded;
    static int studies;

    /** A study of four 260x200 views (the sample's corner) with {@code change} applied to each file. */
    private static Path study(String name, UnaryOperator<TestDicom.Spec> change) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        String uid = "1.2.826.0.1.3680043.10.1234." + (100 + ++studies);
        int instance = 1;
        for (View v : View.values()) {
            TestDicom.write(folder.resolve(v.label() + ".dcm"), corner, change.apply(TestDicom.Spec.of(v)
                    .study(uid, "P-" + name, name).instance(instance++)));
        }
        return folder;
    }

    private static ExamRecord trainingExam(Path folder) {
        Map<View, List<ImageRecord>> images = new EnumMap<>(View.class);
        for (View v : View.values()) {
            images.put(v, List.of(new ImageRecord(folder.resolve(v.label() + ".dcm"), null, 0)));
        }
        return new ExamRecord(folder.getFileName().toString(), folder.getFileName().toString(), null, 1, Split.TRAIN, images);
    }

    @BeforeAll
    static void trainOnEquipmentA() throws IOException {
        corner = TestDicom.sampleCorner();
        UnaryOperator<TestDicom.Spec> a = s -> s.equipment("Vendor A", "Model X");
        // what the step after training does with the training exams, written where it writes it
        trained = TrainingAcquisition.of(List.of(trainingExam(study("train-1", a)), trainingExam(study("train-2", a))),
                MammogramFiles::acquisition);
        recorded = UntrainedWeights.write(dir.resolve("recorded.safetensors"), CROP);
        SafetensorsWriter.putMetadata(recorded, ModelFile.ACQUISITION, trained.toJson());
        unrecorded = UntrainedWeights.write(dir.resolve("unrecorded.safetensors"), CROP);
    }

    /** The findings of the acquisition checks when {@code weights} scores the study. */
    private static List<ExamCheck> findings(Path weights, Path study) {
        try (TrainedModel model = TrainedModel.load(weights, null, PreprocessingOverrides.none(), Device.cpu(), n -> { })) {
            Prediction p = new ExamApplication(model, 1, 0).predict(DicomExamFolder.read(study).candidates()).prediction();
            return p.findings().stream().filter(c -> c.code().equals("equipment") || c.code().equals("pixel-spacing")).toList();
        }
    }

    @Test
    void theModelRecordsItsTrainingEquipmentAndSpacing() {
        assertThat(trained.equipment()).containsExactly(new TrainingAcquisition.EquipmentExams(A, 2));
        assertThat(trained.dicomExams()).isEqualTo(2);
        assertThat(trained.spacing()).isEqualTo(new TrainingAcquisition.SpacingRange(0.1, 0.1, 0.1, 8));
        assertThat(ModelFile.read(recorded).acquisition()).isEqualTo(trained);
    }

    @Test
    void anExamFromOtherEquipmentIsScoredWithAWarningNamingIt() throws IOException {
        assertThat(findings(recorded, study("vendor-b", s -> s.equipment("Vendor B", "Model Y")))).containsExactly(ExamCheck.warning(
                "equipment", "not validated on this equipment: Vendor B Model Y (trained on: Vendor A Model X (2 exams))"));
    }

    @Test
    void anExamFromTheTrainingEquipmentAtItsSpacingHasNoFinding() throws IOException {
        assertThat(findings(recorded, study("vendor-a", s -> s.equipment("Vendor A", "Model X")))).isEmpty();
        assertThat(findings(recorded, study("vendor-a-0.12", s -> s.equipment("Vendor A", "Model X").imagerPixelSpacing("0.12\\0.12"))))
                .as("within 1.25x").isEmpty();
    }

    @Test
    void aSpacingBeyondTheBoundsWarnsThenWithholds() throws IOException {
        List<ExamCheck> coarser = findings(recorded, study("vendor-a-0.13", s -> s.equipment("Vendor A", "Model X")
                .imagerPixelSpacing("0.13\\0.13")));
        assertThat(coarser).hasSize(4).allSatisfy(c -> {
            assertThat(c.severity()).isEqualTo(ExamCheck.Severity.WARNING);
            assertThat(c.reason()).contains("pixel spacing 0.130 mm, 1.30x coarser than the training images' (0.100-0.100 mm");
        });
        List<ExamCheck> finer = findings(recorded, study("vendor-a-0.06", s -> s.equipment("Vendor A", "Model X")
                .imagerPixelSpacing("0.06\\0.06")));
        assertThat(finer).hasSize(4).allSatisfy(c -> {
            assertThat(c.severity()).isEqualTo(ExamCheck.Severity.NOT_ASSESSED);
            assertThat(c.reason()).contains("pixel spacing 0.060 mm, 1.67x finer");
        });
    }

    @Test
    void aModelFileWithoutTheRecordChecksNothing() throws IOException {
        assertThat(ModelFile.read(unrecorded).acquisition()).isNull();
        assertThat(findings(unrecorded, study("old-model", s -> s.equipment("Vendor B", "Model Y").imagerPixelSpacing("0.3\\0.3"))))
                .isEmpty();
    }
}
