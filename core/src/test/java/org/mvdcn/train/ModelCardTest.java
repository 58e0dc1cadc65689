package org.mvdcn.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mvdcn.TestData;
import org.mvdcn.eval.ShiftReport;
import org.mvdcn.ood.OodRecord;

/** The model card's checks: the out-of-distribution check's detection per shift family, from the run's record of it. */
class ModelCardTest {

    /** The fixture's record measured a model file of this SHA-256. */
    private static final String MEASURED = "0123abcd";

    private static final ShiftReport SHIFTS = ShiftReport.read(TestData.resource("ood-shifts/ood-shifts.json"));

    private static String card(String weightsSha256, ShiftReport shifts) {
        RunRecord record = RunRecord.read(new RunFolder(TestData.resource("runs/written-by-0.1.0/run.json").getParent()))
                .withOod(new OodRecord("multi-depth Mahalanobis, max over layers", List.of("cc.input", "mlo.input"), 30, 200, 40, 1.35,
                        99));
        return ModelCard.render(Path.of("run"), record, weightsSha256, null, null, null, null, shifts);
    }

    @Test
    void theMeasuredDetectionIsATablePerFamilyWithTheFalseAlarms() {
        assertThat(card(MEASURED, SHIFTS)).contains("## Checks before scoring", "Equipment and pixel spacing: not recorded",
                        "### Detection per shift family", "From `ood-shifts.json` (`mvdcn ood --run RUN --shifts`)",
                        "| family | AUROC | flagged | median score |", "| intensities inverted | 0.980 | 90% | 11.2 |",
                        "False alarms: 1 of the 20 unshifted (in-distribution) test exams flagged (5.0%)")
                .doesNotContain("bench/run-ood-shifts.sh", "Not measured yet");
    }

    @Test
    void withoutAMeasurementTheCardSaysHowToMeasure() {
        assertThat(card(MEASURED, null)).contains("### Detection per shift family",
                "Not measured yet: `mvdcn ood --run RUN --shifts`", "intensities inverted; gamma 0.4;").doesNotContain("| family |");
    }

    @Test
    void aMeasurementOfAnotherModelFileIsNotShown() {
        assertThat(card("feedbeef", SHIFTS)).contains("`ood-shifts.json` measured another model file (SHA-256 `0123abcd`")
                .doesNotContain("| family |");
    }
}
