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
import org.mvdcn.data.Split;
import org.mvdcn.data.SplitAssignment;
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
        // truth.csv: every exam once, its recorded label the manifest's, its true class the plan's
        List<String> truth = Files.readAllLines(dir.resolve("a").resolve(CohortGenerator.TRUTH));
        assertThat(truth.get(0)).isEqualTo("exam_id,true_label,recorded_label");
        assertThat(truth).hasSize(manifest.exams().size() + 1);
        Map<String, CohortGenerator.PlannedExam> planned = a.exams().stream()
                .collect(java.util.stream.Collectors.toMap(CohortGenerator.PlannedExam::examId, e -> e));
        for (ExamRecord exam : manifest.exams()) {
            CohortGenerator.PlannedExam e = planned.get(exam.examId());
            assertThat(truth).contains(exam.examId() + "," + e.trueClass() + "," + exam.label());
        }
    }

    @Test
    void testPatientsAreNewPatientsAndLeaveThePlanOfTheOthersAsItWas() {
        List<CohortGenerator.PlannedExam> before = CohortGenerator.plan(new CohortGenerator.Options(30, 1, 5, 0.1, 0.08, 2));
        List<CohortGenerator.PlannedExam> after = CohortGenerator.plan(new CohortGenerator.Options(30, 1, 5, 0.1, 0.08, 2, 20));
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        assertThat(before).allSatisfy(e -> assertThat(e.declaredSplit()).isNull());
        List<CohortGenerator.PlannedExam> test = after.subList(before.size(), after.size());
        assertThat(test).allSatisfy(e -> {
            assertThat(e.patientId()).matches("T\\d{5}");
            assertThat(e.declaredSplit()).isEqualTo(Split.TEST);
        });
        assertThat(test.stream().map(CohortGenerator.PlannedExam::patientId).distinct()).hasSize(20);
        assertThat(test.stream().map(CohortGenerator.PlannedExam::renderSeed))
                .doesNotContainAnyElementsOf(before.stream().map(CohortGenerator.PlannedExam::renderSeed).toList());
    }

    @Test
    void testPatientsFollowTheNaturalMixInTheirScoredExams() {
        Map<String, CohortGenerator.PlannedExam> last = new HashMap<>();
        int exams = 0;
        int flipped = 0;
        for (CohortGenerator.PlannedExam e : CohortGenerator.plan(new CohortGenerator.Options(1, 1, 7, 0.1, 0.08, 1, 400))) {
            if (e.declaredSplit() == Split.TEST) {
                last.put(e.patientId(), e); // a patient's visits are planned in order
                exams++;
                flipped += e.recordedLabel() != e.trueClass() ? 1 : 0;
            }
        }
        assertThat(last).hasSize(400);
        int[] trueClass = new int[3];
        last.values().forEach(e -> trueClass[e.trueClass()]++);
        // binomial standard deviations at n = 400 are at most 0.025; allow 3 of them
        assertThat(trueClass[0] / 400.0).isBetween(0.15 - 0.075, 0.15 + 0.075);
        assertThat(trueClass[1] / 400.0).isBetween(0.50 - 0.075, 0.50 + 0.075);
        assertThat(trueClass[2] / 400.0).isBetween(0.35 - 0.075, 0.35 + 0.075);
        assertThat(flipped / (double) exams).isBetween(0.1 - 0.045, 0.1 + 0.045);
    }

    @Test
    void theManifestDeclaresTestForTheTestPatientsAndEachGivesOneScoredExam() throws Exception {
        CohortGenerator.Cohort plain = CohortGenerator.generate(dir.resolve("plain"),
                new CohortGenerator.Options(12, 0.05, 9, 0.1, 0.3, 1), (done, total) -> { });
        CohortGenerator.Cohort withTest = CohortGenerator.generate(dir.resolve("test"),
                new CohortGenerator.Options(12, 0.05, 9, 0.1, 0.3, 1, 6), (done, total) -> { });
        assertThat(Files.readString(withTest.manifest())).startsWith(Files.readString(plain.manifest()));
        Manifest before = Manifest.load(plain.manifest(), true);
        for (ExamRecord exam : before.exams()) {
            for (View v : View.values()) {
                Path image = exam.images().get(v).get(0).path();
                Path relative = plain.manifest().getParent().relativize(image);
                assertThat(Files.readAllBytes(dir.resolve("test").resolve(relative))).isEqualTo(Files.readAllBytes(image));
            }
        }
        Manifest after = Manifest.load(withTest.manifest(), true);
        assertThat(after.exams()).allSatisfy(e -> assertThat(e.declaredSplit())
                .isEqualTo(e.patientId().startsWith("T") ? Split.TEST : null));
        SplitAssignment alone = SplitAssignment.assign(before.exams());
        SplitAssignment split = SplitAssignment.assign(after.exams());
        before.exams().forEach(e -> assertThat(split.of(e)).isEqualTo(alone.of(e)));
        // 12 patients: 1 computed test patient (round(10.8) = 11 train and validation), plus one scored exam per test patient
        assertThat(alone.scored()).hasSize(1);
        Map<String, ExamRecord> lastOfTestPatient = new HashMap<>();
        after.exams().stream().filter(e -> e.patientId().startsWith("T")).forEach(e -> lastOfTestPatient.merge(e.patientId(), e,
                (a, b) -> a.date().isAfter(b.date()) ? a : b));
        assertThat(lastOfTestPatient).hasSize(6);
        assertThat(split.scored()).containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(alone.scored().stream(),
                lastOfTestPatient.values().stream().map(ExamRecord::examId)).toList());
    }

    @Test
    void breastLabelsGiveTheReadersCallToTheAssessedBreastAndLeaveTheImagesAsTheyWere() throws Exception {
        CohortGenerator.Options plain = new CohortGenerator.Options(40, 0.05, 5, 0, 0.1, 1, 4, FindingMix.DEFAULT,
                new ReaderNoise(20, 0.2), LabelMix.DEFAULT, 1);
        CohortGenerator.Options labelled = new CohortGenerator.Options(40, 0.05, 5, 0, 0.1, 1, 4, FindingMix.DEFAULT,
                new ReaderNoise(20, 0.2), LabelMix.DEFAULT, 1, true);
        CohortGenerator.Cohort a = CohortGenerator.generate(dir.resolve("plain"), plain, (done, total) -> { });
        CohortGenerator.Cohort b = CohortGenerator.generate(dir.resolve("labelled"), labelled, (done, total) -> { });
        Map<String, CohortGenerator.PlannedExam> planned = new HashMap<>();
        b.exams().forEach(e -> planned.put(e.examId(), e));
        Manifest before = Manifest.load(a.manifest(), true);
        Manifest after = Manifest.load(b.manifest(), true);
        assertThat(after.exams()).hasSameSizeAs(before.exams());
        int disagreeing = 0;
        for (ExamRecord e : after.exams()) {
            CohortGenerator.PlannedExam p = planned.get(e.examId());
            View.Laterality other = p.findingSide() == View.Laterality.LEFT ? View.Laterality.RIGHT : View.Laterality.LEFT;
            assertThat(e.breastLabels()).as(e.examId()).containsEntry(p.findingSide(), p.recordedLabel()).containsEntry(other, 1);
            disagreeing += p.recordedLabel() != p.trueClass() ? 1 : 0;
            for (View v : View.values()) {
                Path image = e.images().get(v).get(0).path();
                assertThat(Files.readAllBytes(image)).isEqualTo(Files.readAllBytes(dir.resolve("plain")
                        .resolve(dir.resolve("labelled").relativize(image))));
            }
        }
        assertThat(disagreeing).as("the reader's errors reach the breast labels too").isPositive();
        assertThat(before.exams()).allSatisfy(e -> assertThat(e.breastLabels()).isEmpty());
    }
}
