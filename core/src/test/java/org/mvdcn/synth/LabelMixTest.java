package org.mvdcn.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mvdcn.synth.CohortGenerator.PlannedExam;

/** The positive control's cohort options: the share of each drawn class, and a smaller field at the same pixel size. */
class LabelMixTest {

    private static CohortGenerator.Options options(LabelMix mix, double field) {
        return new CohortGenerator.Options(3000, 0.25, 5, 0, 0.08, 4, 0, FindingMix.parse("fine-calcifications=1"), ReaderNoise.NONE,
                mix, field);
    }

    @Test
    void aPlannedCohortDrawsTheClassesInTheirShares() {
        List<PlannedExam> exams = CohortGenerator.plan(options(LabelMix.parse("0.5, 0.3, 0.2"), 1));
        double[] expected = {0.5, 0.3, 0.2};
        for (int c = 0; c < 3; c++) {
            int k = c;
            double share = exams.stream().filter(e -> e.trueClass() == k).count() / (double) exams.size();
            // about 6000 exams: a binomial standard deviation under 0.0065; allow 4 of them
            assertThat(share).as("share of BI-RADS %d", c).isBetween(expected[c] - 0.026, expected[c] + 0.026);
        }
        assertThat(exams).filteredOn(e -> e.trueClass() == 0).allSatisfy(e -> assertThat(e.findingKinds())
                .containsExactly(Finding.Kind.FINE_CALCIFICATIONS));
    }

    @Test
    void aSmallerFieldHalvesTheImagesAndKeepsEverythingElseOfThePlan() {
        List<PlannedExam> whole = CohortGenerator.plan(options(LabelMix.DEFAULT, 1));
        List<PlannedExam> half = CohortGenerator.plan(options(LabelMix.DEFAULT, 0.5));
        assertThat(half).hasSameSizeAs(whole);
        for (int i = 0; i < whole.size(); i++) {
            PlannedExam a = whole.get(i);
            PlannedExam b = half.get(i);
            assertThat(b.height()).isBetween(a.height() / 2 - 1, a.height() / 2 + 1);
            assertThat(b.width()).isBetween(a.width() / 2 - 1, a.width() / 2 + 1);
            assertThat(b.trueClass()).isEqualTo(a.trueClass());
            assertThat(b.findings()).isEqualTo(a.findings());
            assertThat(b.renderSeed()).isEqualTo(a.renderSeed());
        }
    }

    @Test
    void aMixThatIsNotThreeSharesAddingUpToOneIsRefusedWithWhatIsWrong() {
        assertThat(LabelMix.parse("0.15,0.50,0.35")).isEqualTo(LabelMix.DEFAULT);
        assertThatThrownBy(() -> LabelMix.parse("0.5,0.5")).hasMessage("label mix: '0.5,0.5' is not three shares B0,B1,B2 (BI-RADS 0, 1, 2)");
        assertThatThrownBy(() -> LabelMix.parse("0.5,x,0.5")).hasMessage("label mix: the share of BI-RADS 1 is not a number: 'x'");
        assertThatThrownBy(() -> LabelMix.parse("0.5,0.4,0.2")).hasMessage("label mix: the shares must add up to 1, got 0.5,0.4,0.2");
        assertThatThrownBy(() -> LabelMix.parse("1.2,-0.1,-0.1")).hasMessageContaining("each share must lie in [0, 1]");
        assertThatThrownBy(() -> options(LabelMix.DEFAULT, 0)).hasMessageContaining("0 < field <= 1");
    }
}
