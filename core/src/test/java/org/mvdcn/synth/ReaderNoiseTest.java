package org.mvdcn.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reader noise errs where findings are faint, calls normal exams rarely, and changes nothing but the recorded labels. */
class ReaderNoiseTest {

    private static final ReaderNoise READERS = new ReaderNoise(20, 0.04);

    private static CohortGenerator.Options cohort(int patients, long seed, ReaderNoise noise) {
        return new CohortGenerator.Options(patients, 0.25, seed, 0, 0.08, 4, 0, FindingMix.parse("fine-calcifications=1"), noise);
    }

    /** Seeds 1, 2 and 3: each about 420 fine-calcification exams, split into thirds by detectability. */
    @Test
    void faintFindingsAreMisreadMoreOftenThanObviousOnesAndNormalExamsRarely() {
        for (long seed = 1; seed <= 3; seed++) {
            List<CohortGenerator.PlannedExam> fine = new ArrayList<>();
            int normal = 0;
            int normalErrors = 0;
            int coarseErrors = 0;
            for (CohortGenerator.PlannedExam e : CohortGenerator.plan(cohort(1500, seed, READERS))) {
                switch (e.trueClass()) {
                    case 0 -> fine.add(e);
                    case 1 -> {
                        normal++;
                        normalErrors += e.recordedLabel() != 1 ? 1 : 0;
                    }
                    default -> coarseErrors += e.recordedLabel() != 2 ? 1 : 0;
                }
            }
            Map<CohortGenerator.PlannedExam, Double> error = new IdentityHashMap<>();
            fine.forEach(e -> error.put(e, READERS.errorProbability(e.findings(), 4)));
            fine.sort(Comparator.comparingDouble(error::get).reversed());
            int third = fine.size() / 3;
            double faint = errorShare(fine.subList(0, third));
            double obvious = errorShare(fine.subList(fine.size() - third, fine.size()));
            double predictedFaint = fine.subList(0, third).stream().mapToDouble(error::get).average().orElseThrow();
            // about 140 exams a third: a binomial standard deviation under 0.042; allow 3 of them
            assertThat(faint).as("seed %d, faintest third", seed).isBetween(predictedFaint - 0.125, predictedFaint + 0.125);
            assertThat(faint).as("seed %d, faintest against most obvious third", seed).isGreaterThan(obvious + 0.1);
            assertThat(obvious).as("seed %d, most obvious third against normal exams", seed)
                    .isGreaterThan(normalErrors / (double) normal);
            // about 1400 normal exams: a standard deviation of 0.0053
            assertThat(normalErrors / (double) normal).as("seed %d, normal exams", seed).isBetween(0.04 - 0.016, 0.04 + 0.016);
            assertThat(coarseErrors).as("seed %d, masses and benign calcifications", seed).isZero();
        }
    }

    @Test
    void theReadersCallsChangeTheLabelsOnlyNotTheExams() {
        List<CohortGenerator.PlannedExam> quiet = CohortGenerator.plan(cohort(300, 5, ReaderNoise.NONE));
        List<CohortGenerator.PlannedExam> read = CohortGenerator.plan(cohort(300, 5, READERS));
        assertThat(read).hasSameSizeAs(quiet);
        int changed = 0;
        for (int i = 0; i < quiet.size(); i++) {
            CohortGenerator.PlannedExam a = quiet.get(i);
            CohortGenerator.PlannedExam b = read.get(i);
            assertThat(b.renderSeed()).isEqualTo(a.renderSeed());
            assertThat(b.findings()).isEqualTo(a.findings());
            assertThat(b.trueClass()).isEqualTo(a.trueClass()).isEqualTo(a.recordedLabel());
            changed += b.recordedLabel() != b.trueClass() ? 1 : 0;
        }
        assertThat(changed).isPositive();
    }

    @Test
    void readerNoiseAndUniformFlipsAreOneOrTheOther() {
        assertThatThrownBy(() -> new CohortGenerator.Options(10, 1, 1, 0.1, 0, 1, 0, FindingMix.DEFAULT, READERS))
                .hasMessageContaining("reader noise replaces the uniform flips");
        assertThatThrownBy(() -> new ReaderNoise(20, 1.5)).hasMessageContaining("overcall share in [0, 1]");
    }

    private static double errorShare(List<CohortGenerator.PlannedExam> exams) {
        return exams.stream().filter(e -> e.recordedLabel() != e.trueClass()).count() / (double) exams.size();
    }
}
