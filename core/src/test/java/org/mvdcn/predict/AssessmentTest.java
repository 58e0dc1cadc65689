package org.mvdcn.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mvdcn.assess.ExamCheck;
import org.mvdcn.ood.OodCheck;

class AssessmentTest {

    private static final ExamCheck IMPLANT = ExamCheck.notAssessed("implant", "L-CC a.dcm: an implant");
    private static final ExamCheck EQUIPMENT = ExamCheck.warning("equipment", "not validated on this equipment");

    @Test
    void aWithholdingFindingOrAnOutOfDistributionFlagWithholdsTheAssessment() {
        OodCheck within = new OodCheck(0.8, 1.2, false, "L-CC intensities");
        OodCheck beyond = new OodCheck(3.5, 1.2, true, "L-CC intensities");
        assertThat(Assessment.of(within, List.of(EQUIPMENT))).isEqualTo(new Assessment(0.8, true, List.of("equipment")));
        assertThat(Assessment.of(within, List.of(IMPLANT, EQUIPMENT))).isEqualTo(new Assessment(0.8, false, List.of("implant", "equipment")));
        Assessment flagged = Assessment.of(beyond, List.of());
        assertThat(flagged).isEqualTo(new Assessment(3.5, false, List.of(Prediction.OUT_OF_DISTRIBUTION)));
        assertThat(flagged.flagged()).isTrue();
        assertThat(Assessment.of(within, List.of()).flagged()).isFalse();
    }

    @Test
    void aModelWithoutTheCheckWarnsAndFlagsNothing() {
        Assessment unchecked = Assessment.of(null, List.of(IMPLANT, IMPLANT));
        assertThat(unchecked).as("a code once, however many views have it")
                .isEqualTo(new Assessment(null, false, List.of("implant", Prediction.OUT_OF_DISTRIBUTION)));
        assertThat(unchecked.flagged()).isFalse();
        assertThat(Assessment.of(null, List.of()).assessed()).isTrue();
    }

    @Test
    void itsCodesMakeOneCellAndComeBackFromIt() {
        Assessment a = new Assessment(2.0, false, List.of("implant", "equipment"));
        assertThat(a.codes()).isEqualTo("implant;equipment");
        assertThat(Assessment.of(2.0, false, a.codes())).isEqualTo(a);
        assertThat(Assessment.of(null, true, "")).isEqualTo(new Assessment(null, true, List.of()));
    }

    @Test
    void aPredictionsAssessmentIsWhatItsFindingsSay() {
        Prediction p = new Prediction(new double[] {0.2, 0.3, 0.5}, 1.0, 1, 0.1, java.util.OptionalDouble.empty(),
                new OodCheck(3.5, 1.2, true, null), List.of(EQUIPMENT));
        assertThat(p.assessment()).isEqualTo(new Assessment(3.5, p.assessed(), p.findings().stream().map(ExamCheck::code).toList()));
    }
}
