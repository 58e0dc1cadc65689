package org.mvdcn.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingMixTest {

    @Test
    void theDefaultPicksWithTheGeneratorsOldThresholds() {
        for (int i = 0; i < 10_000; i++) {
            double r = i / 10_000.0;
            assertThat(FindingMix.DEFAULT.pick(0, r))
                    .isEqualTo(r < 0.6 ? Finding.Kind.MICROCALCIFICATIONS : Finding.Kind.SPICULATED_DENSITY);
            assertThat(FindingMix.DEFAULT.pick(2, r))
                    .isEqualTo(r < 0.5 ? Finding.Kind.BENIGN_CALCIFICATIONS : Finding.Kind.CIRCUMSCRIBED_MASS);
        }
        assertThat(FindingMix.DEFAULT.pick(0, Math.nextDown(1.0))).isEqualTo(Finding.Kind.SPICULATED_DENSITY);
        assertThat(FindingMix.parse(FindingMix.DEFAULT.toString())).isEqualTo(FindingMix.DEFAULT);
    }

    @Test
    void aClassNotNamedKeepsItsDefault() {
        FindingMix fineOnly = FindingMix.parse("fine-calcifications=1");
        assertThat(fineOnly.shares()).containsEntry(Finding.Kind.FINE_CALCIFICATIONS, 1.0)
                .containsEntry(Finding.Kind.MICROCALCIFICATIONS, 0.0).containsEntry(Finding.Kind.SPICULATED_DENSITY, 0.0)
                .containsEntry(Finding.Kind.BENIGN_CALCIFICATIONS, 0.5).containsEntry(Finding.Kind.CIRCUMSCRIBED_MASS, 0.5);
        assertThat(fineOnly.pick(0, 0)).isEqualTo(Finding.Kind.FINE_CALCIFICATIONS);
        assertThat(fineOnly.pick(0, Math.nextDown(1.0))).isEqualTo(Finding.Kind.FINE_CALCIFICATIONS);
    }

    @Test
    void badMixesAreRefusedSayingWhy() {
        assertThatThrownBy(() -> FindingMix.parse("fine-calcifications=0.5")).hasMessageContaining("BI-RADS 0")
                .hasMessageContaining("add up to 1");
        assertThatThrownBy(() -> FindingMix.parse("calcs=1")).hasMessageContaining("'calcs=1' is not KIND=SHARE")
                .hasMessageContaining("fine-calcifications");
        assertThatThrownBy(() -> FindingMix.parse("circumscribed-mass=x,benign-calcifications=1"))
                .hasMessageContaining("share of circumscribed-mass is not a number");
        assertThatThrownBy(() -> FindingMix.parse("circumscribed-mass=-0.5,benign-calcifications=1.5"))
                .hasMessageContaining("must lie in [0, 1]");
    }

    @Test
    void aPlannedCohortCarriesTheKindsInTheirShares() {
        FindingMix mix = FindingMix.parse("fine-calcifications=0.3,microcalcifications=0.7,circumscribed-mass=1");
        Map<Finding.Kind, Integer> counts = new EnumMap<>(Finding.Kind.class);
        int zeros = 0;
        for (CohortGenerator.PlannedExam e : CohortGenerator.plan(
                new CohortGenerator.Options(3000, 1, 3, 0.1, 0.08, 1, 0, mix, ReaderNoise.NONE))) {
            if (e.trueClass() == 1) {
                assertThat(e.findings()).isEmpty();
                continue;
            }
            Finding.Kind kind = e.findingKinds().get(0);
            assertThat(kind.birads()).isEqualTo(e.trueClass());
            counts.merge(kind, 1, Integer::sum);
            zeros += e.trueClass() == 0 ? 1 : 0;
        }
        assertThat(counts).containsOnlyKeys(Finding.Kind.FINE_CALCIFICATIONS, Finding.Kind.MICROCALCIFICATIONS,
                Finding.Kind.CIRCUMSCRIBED_MASS);
        // about 850 BI-RADS 0 exams: a binomial standard deviation of 0.016; allow 4 of them
        assertThat(counts.get(Finding.Kind.FINE_CALCIFICATIONS) / (double) zeros).isBetween(0.3 - 0.064, 0.3 + 0.064);
    }
}
