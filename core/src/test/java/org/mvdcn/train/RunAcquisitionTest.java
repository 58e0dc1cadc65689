package org.mvdcn.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.TestData;
import org.mvdcn.assess.TrainingAcquisition;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.ImageRecord;
import org.mvdcn.data.Split;
import org.mvdcn.exam.View;
import org.mvdcn.weights.ModelFile;

/** The step after training that records the training exams' equipment and pixel spacing, on PNG images and on a run made before it. */
class RunAcquisitionTest {

    @TempDir
    Path dir;

    /** A run written by mvdcn 0.1.0, before the step existed. */
    private static final Path OLD = TestData.resource("runs/written-by-0.1.0/run.json").getParent();

    private static String card(RunRecord record) {
        return ModelCard.render(Path.of("run"), record, "sha", null, null, null, null, null);
    }

    @Test
    void aRunMadeBeforeTheStepRecordsNothingAndSaysSo() {
        RunFolder old = new RunFolder(OLD);
        assertThat(RunRecord.read(old).acquisition()).isNull();
        assertThat(ModelFile.read(old.best()).acquisition()).isNull();
        assertThat(card(RunRecord.read(old))).contains("Equipment and pixel spacing: not recorded (a run made before these checks)");
    }

    @Test
    void pngTrainingImagesRecordNoEquipmentInTheRunAndTheModel() throws Exception {
        Path copy = dir.resolve("run");
        Files.createDirectories(copy);
        for (String name : List.of("run.json", "best.safetensors")) {
            Files.copy(OLD.resolve(name), copy.resolve(name));
        }
        RunFolder run = new RunFolder(copy);
        Map<View, List<ImageRecord>> images = new EnumMap<>(View.class);
        for (View v : View.values()) {
            images.put(v, List.of(new ImageRecord(TestData.sampleExam().resolve(v.label() + ".png"), null, 0)));
        }
        List<String> log = new ArrayList<>();
        RunRecord record = new RunAcquisition().apply(new PostTrainingStep.Context(run, RunRecord.read(run),
                List.of(new ExamRecord("P1", "E1", null, 1, Split.TRAIN, images)), List.of(), 1, Device.cpu(), log::add));
        TrainingAcquisition expected = new TrainingAcquisition(1, 0, List.of(), null);
        assertThat(record.acquisition()).isEqualTo(expected);
        assertThat(ModelFile.read(run.best()).acquisition()).as("the model file carries it").isEqualTo(expected);
        assertThat(log).containsExactly(expected.describe());
        assertThat(card(record)).contains("Training exams' equipment: not recorded (PNG training images)");
        record.write(run);
        assertThat(RunRecord.read(run).acquisition()).as("run.json keeps it").isEqualTo(expected);
    }
}
