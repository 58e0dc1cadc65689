package org.mvdcn.assess;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mvdcn.exam.Acquisition;
import org.mvdcn.exam.Equipment;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;

class AcquisitionChecksTest {

    static final Equipment A = new Equipment("Vendor A", "Model X");
    static final Equipment B = new Equipment("Vendor B", "Model Y");
    /** Trained on A's exams, pixels 0.07 to 0.1 mm: not flagged from 0.056 to 0.125 mm, withheld below 0.0467 and above 0.15. */
    static final TrainingAcquisition TRAINED = new TrainingAcquisition(3, 3, List.of(new TrainingAcquisition.EquipmentExams(A, 3)),
            new TrainingAcquisition.SpacingRange(0.07, 0.085, 0.1, 12));

    private static Mammogram image(Acquisition acquisition) {
        return new Mammogram(Path.of("v.dcm"), 4, 3, new float[12], Mammogram.ChestWall.LEFT, acquisition);
    }

    /** Every view from {@code equipment} at {@code spacing} mm. */
    private static Map<View, Mammogram> exam(Equipment equipment, double spacing) {
        Map<View, Mammogram> views = new EnumMap<>(View.class);
        for (View v : View.values()) {
            views.put(v, image(new Acquisition(equipment, spacing)));
        }
        return views;
    }

    @Test
    void theTrainingEquipmentAndScaleFindNothing() {
        assertThat(AcquisitionChecks.check(exam(A, 0.085), TRAINED)).isEmpty();
        assertThat(AcquisitionChecks.check(exam(A, Double.NaN), TRAINED)).as("no spacing stated: not compared").isEmpty();
    }

    @Test
    void otherEquipmentIsScoredWithAWarningNamingIt() {
        assertThat(AcquisitionChecks.check(exam(B, 0.085), TRAINED)).containsExactly(ExamCheck.warning("equipment",
                "not validated on this equipment: Vendor B Model Y (trained on: Vendor A Model X (3 exams))"));
    }

    @Test
    void aViewFromOtherEquipmentIsNamed() {
        Map<View, Mammogram> views = exam(A, 0.085);
        views.put(View.R_MLO, image(new Acquisition(new Equipment("Vendor A", ""), 0.085)));
        assertThat(AcquisitionChecks.check(views, TRAINED)).singleElement().satisfies(c -> {
            assertThat(c.withholds()).isFalse();
            assertThat(c.reason()).isEqualTo("R-MLO: not validated on this equipment: Vendor A (model not stated) (trained on: "
                    + "Vendor A Model X (3 exams))");
        });
    }

    /** Each side of each bound: 0.8 x 0.07 = 0.056, 1.25 x 0.1 = 0.125; 0.07 / 1.5 = 0.0467, 1.5 x 0.1 = 0.15. */
    @ParameterizedTest
    @CsvSource({
        "0.057, ,", "0.055, WARNING, finer", "0.047, WARNING, finer", "0.046, NOT_ASSESSED, finer",
        "0.124, ,", "0.126, WARNING, coarser", "0.149, WARNING, coarser", "0.151, NOT_ASSESSED, coarser"})
    void aSpacingFarFromTheTrainingImagesIsFound(double spacing, ExamCheck.Severity severity, String direction) {
        List<ExamCheck> found = AcquisitionChecks.check(exam(A, spacing), TRAINED);
        if (severity == null) {
            assertThat(found).isEmpty();
            return;
        }
        assertThat(found).hasSize(4).allSatisfy(c -> {
            assertThat(c.code()).isEqualTo("pixel-spacing");
            assertThat(c.severity()).isEqualTo(severity);
            assertThat(c.reason()).contains(String.format(java.util.Locale.ROOT, "pixel spacing %.3f mm", spacing), direction,
                    "0.070-0.100 mm (median 0.085, 12 images)");
        });
        assertThat(found.get(0).reason()).startsWith("L-CC: ");
    }

    @Test
    void nothingIsComparedWhereNothingWasRecordedOrStated() {
        assertThat(AcquisitionChecks.check(exam(B, 0.3), null)).as("a model made before the checks").isEmpty();
        TrainingAcquisition png = new TrainingAcquisition(5, 0, List.of(), null);
        assertThat(AcquisitionChecks.check(exam(B, 0.3), png)).as("a model trained on PNG images").isEmpty();
        Map<View, Mammogram> pngExam = new EnumMap<>(View.class);
        for (View v : View.values()) {
            pngExam.put(v, new Mammogram(Path.of(v.label() + ".png"), 4, 3, new float[12]));
        }
        assertThat(AcquisitionChecks.check(pngExam, TRAINED)).as("PNG images state nothing").isEmpty();
    }
}
