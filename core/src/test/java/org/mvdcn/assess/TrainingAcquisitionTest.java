package org.mvdcn.assess;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.ImageRecord;
import org.mvdcn.data.Split;
import org.mvdcn.exam.Acquisition;
import org.mvdcn.exam.Equipment;
import org.mvdcn.exam.View;

class TrainingAcquisitionTest {

    static final Equipment A = new Equipment("Vendor A", "Model X");
    static final Equipment B = new Equipment("Vendor B", "Model Y");

    /** An exam whose images are named {@code id/L-CC.dcm} ..., with an extra R-CC retake when {@code retake}. */
    private static ExamRecord exam(String id, boolean retake) {
        Map<View, List<ImageRecord>> images = new EnumMap<>(View.class);
        for (View v : View.values()) {
            images.put(v, List.of(new ImageRecord(Path.of(id, v.label() + ".dcm"), null, 0)));
        }
        if (retake) {
            images.put(View.R_CC, List.of(new ImageRecord(Path.of(id, "R-CC.dcm"), null, 0), new ImageRecord(Path.of(id, "retake.dcm"), null, 0)));
        }
        return new ExamRecord(id, id, null, 1, Split.TRAIN, images);
    }

    /** e1: A at 0.07 mm; e2: A at 0.1 mm with a retake from B at 0.085 mm; e3: PNG images (nothing stated). */
    private static Acquisition read(Path file) {
        String exam = file.getParent().toString();
        if (exam.equals("e3")) {
            return null;
        }
        if (file.getFileName().toString().equals("retake.dcm")) {
            return new Acquisition(B, 0.085);
        }
        return new Acquisition(A, exam.equals("e1") ? 0.07 : 0.1);
    }

    @Test
    void countsExamsPerEquipmentAndSummarisesTheSpacing() throws Exception {
        TrainingAcquisition t = TrainingAcquisition.of(List.of(exam("e1", false), exam("e2", true), exam("e3", false)),
                TrainingAcquisitionTest::read);
        assertThat(t.exams()).isEqualTo(3);
        assertThat(t.dicomExams()).isEqualTo(2);
        assertThat(t.equipment()).as("an exam counts once per equipment, most exams first").containsExactly(
                new TrainingAcquisition.EquipmentExams(A, 2), new TrainingAcquisition.EquipmentExams(B, 1));
        // 4 x 0.07, 4 x 0.1 and 0.085: nine images, the fifth of them in order is the retake's
        assertThat(t.spacing()).isEqualTo(new TrainingAcquisition.SpacingRange(0.07, 0.085, 0.1, 9));
        assertThat(t.trainedOn(B)).isTrue();
        assertThat(t.trainedOn(new Equipment("Vendor B", "Model Z"))).isFalse();
        assertThat(t.describe()).isEqualTo("equipment: Vendor A Model X (2 exams); Vendor B Model Y (1 exam) in 2 of 3 training "
                + "exams; pixel spacing: 0.070-0.100 mm (median 0.085, 9 images)");
        assertThat(TrainingAcquisition.fromJson(t.toJson())).as("as the model file carries it").isEqualTo(t);
    }

    @Test
    void pngImagesRecordNoEquipment() throws Exception {
        TrainingAcquisition t = TrainingAcquisition.of(List.of(exam("e3", false)), TrainingAcquisitionTest::read);
        assertThat(t).isEqualTo(new TrainingAcquisition(1, 0, List.of(), null));
        assertThat(t.describe()).startsWith("equipment: not recorded (PNG training images)");
        assertThat(TrainingAcquisition.fromJson(t.toJson())).isEqualTo(t);
    }
}
