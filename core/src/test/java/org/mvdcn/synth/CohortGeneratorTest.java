package org.mvdcn.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.Manifest;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.PngMammogramReader;
import org.mvdcn.exam.View;
import org.mvdcn.preprocess.Orientation;

class CohortGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void labelsFollowTheNaturalMixAndFlipsTheConfiguredShare() {
        List<CohortGenerator.PlannedExam> exams = CohortGenerator.plan(new CohortGenerator.Options(4000, 1, 7, 0.1, 0.08));
        int n = exams.size();
        assertThat(n).isBetween(7000, 9000); // 1-3 visits, mean 1.9
        int[] trueClass = new int[3];
        int flipped = 0;
        for (CohortGenerator.PlannedExam e : exams) {
            trueClass[e.trueClass()]++;
            if (e.recordedLabel() != e.trueClass()) {
                flipped++;
            }
            // each class carries its kind of finding, BI-RADS 1 none
            switch (e.trueClass()) {
                case 0 -> assertThat(e.findingKinds()).singleElement().isIn(Finding.Kind.MICROCALCIFICATIONS, Finding.Kind.SPICULATED_DENSITY);
                case 1 -> assertThat(e.findingKinds()).isEmpty();
                default -> assertThat(e.findingKinds()).singleElement().isIn(Finding.Kind.BENIGN_CALCIFICATIONS, Finding.Kind.CIRCUMSCRIBED_MASS);
            }
        }
        // binomial standard deviations at n ~ 7600 are under 0.006; allow 4 of them
        assertThat(trueClass[0] / (double) n).isBetween(0.15 - 0.025, 0.15 + 0.025);
        assertThat(trueClass[1] / (double) n).isBetween(0.50 - 0.025, 0.50 + 0.025);
        assertThat(trueClass[2] / (double) n).isBetween(0.35 - 0.025, 0.35 + 0.025);
        assertThat(flipped / (double) n).isBetween(0.1 - 0.015, 0.1 + 0.015);
    }

    @Test
    void visitsSpanAtMostTwoYearsAndSizesVaryAroundThePapersCrop() {
        Map<String, List<CohortGenerator.PlannedExam>> byPatient = new HashMap<>();
        for (CohortGenerator.PlannedExam e : CohortGenerator.plan(new CohortGenerator.Options(500, 1, 3, 0.1, 0.08))) {
            byPatient.computeIfAbsent(e.patientId(), k -> new java.util.ArrayList<>()).add(e);
            assertThat(e.height()).isBetween(2340, 2912);
            assertThat(e.width()).isBetween(1800, 2240);
        }
        for (List<CohortGenerator.PlannedExam> visits : byPatient.values()) {
            long days = java.time.temporal.ChronoUnit.DAYS.between(visits.get(0).date(), visits.get(visits.size() - 1).date());
            assertThat(days).isBetween(0L, 730L);
        }
        assertThat(byPatient.values().stream().mapToInt(List::size).max().orElseThrow()).isEqualTo(3);
    }

    @Test
    void sameSeedSameCohortAndRightViewsArriveInDisplayOrientation() throws Exception {
        CohortGenerator.Options options = new CohortGenerator.Options(3, 0.1, 11, 0.1, 0.5);
        CohortGenerator.Cohort a = CohortGenerator.generate(dir.resolve("a"), options, (done, total) -> { });
        CohortGenerator.generate(dir.resolve("b"), options, (done, total) -> { });
        CohortGenerator.generate(dir.resolve("c"), new CohortGenerator.Options(3, 0.1, 12, 0.1, 0.5), (done, total) -> { });
        assertThat(Files.readString(dir.resolve("b/manifest.csv"))).isEqualTo(Files.readString(a.manifest()));
        Manifest manifest = Manifest.load(a.manifest(), true);
        assertThat(manifest.exams()).hasSize(a.exams().size());
        assertThat(manifest.exams().stream().mapToInt(ExamRecord::imageCount).sum()).isEqualTo(a.images());
        assertThat(a.images()).isGreaterThan(4 * a.exams().size()); // duplicates: some views have two images
        PngMammogramReader reader = new PngMammogramReader();
        for (ExamRecord exam : manifest.exams()) {
            for (View v : View.values()) {
                Path image = exam.images().get(v).get(0).path();
                Path relative = a.manifest().getParent().relativize(image);
                assertThat(Files.readAllBytes(dir.resolve("b").resolve(relative))).isEqualTo(Files.readAllBytes(image));
                Mammogram m = reader.read(image);
                assertThat(Orientation.chestWallOnRight(m)).as("%s %s", exam.examId(), v)
                        .isEqualTo(v.laterality() == View.Laterality.RIGHT);
            }
        }
        assertThat(Files.readString(dir.resolve("c/manifest.csv"))).isNotEqualTo(Files.readString(a.manifest()));
    }
}
