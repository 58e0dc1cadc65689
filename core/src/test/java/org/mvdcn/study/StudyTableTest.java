package org.mvdcn.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.BadInputException;
import org.mvdcn.eval.EvaluationReport;
import org.mvdcn.eval.PairedBootstrap;
import org.mvdcn.eval.PairwiseAuc;
import org.mvdcn.eval.PredictionsFile;
import org.mvdcn.eval.SyntheticScores;
import org.mvdcn.eval.TruthFile;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.train.TrainingOptions;

class StudyTableTest {

    private static final int EXAMS = 300;
    private static final int ROUNDS = 400;

    @TempDir
    Path dir;

    @Test
    void pairedComparisonsTestTheReferenceAgainstEachOtherSetting() throws Exception {
        int[] y = SyntheticScores.labels(EXAMS);
        Random rng = new Random(1);
        double[][] strong = SyntheticScores.probabilities(y, 2.0, rng);
        StudyRunner.Outcome weak = outcome("scale-1-8", "1/8", SyntheticScores.probabilities(y, 0.2, rng), y);
        StudyRunner.Outcome same = outcome("scale-1-2", "1/2", strong.clone(), y);
        StudyRunner.Outcome full = outcome("scale-1-1", "1", strong, y);

        StudyTable.write(dir, "Input resolution", List.of(weak, same, full), false, ROUNDS, null);

        long seed = TrainingOptions.paper().run().seed();
        PairedBootstrap.Result vsWeak = PairedBootstrap.compare(full.predictions(), weak.predictions(), ROUNDS, seed);
        PairedBootstrap.Result zeroVsWeak = PairedBootstrap.compare(full.predictions(), weak.predictions(), PairedBootstrap.Measure.auc(0),
                ROUNDS, seed);
        assertThat(vsWeak.interval().low()).as("the synthetic gap is far beyond noise").isPositive();
        String md = Files.readString(dir.resolve(StudyTable.MARKDOWN));
        assertThat(md).contains("| macAUC |").contains("## Paired comparisons").contains("of 1 minus that of each other setting")
                .contains("| A vs. B | measure | against | A - B | 95% CI | p | paired test exams | resamples skipped (a class missing) "
                        + "| verdict |")
                .contains("| 1 vs. 1/8 | macAUC | recorded labels | " + StudyTable.number(vsWeak.difference()) + " | "
                        + StudyTable.interval(vsWeak.interval()) + " | < 0.005 | 300 | 0 | 1 beats 1/8 |")
                .contains("| 1 vs. 1/2 | macAUC | recorded labels | 0.000 | [0.000, 0.000] | 1.000 | 300 | 0 | no difference shown |")
                .contains("| 1 vs. 1/8 | 0 vs. others | recorded labels | " + StudyTable.number(zeroVsWeak.difference()) + " | ")
                .doesNotContain("drawn classes");
        assertThat(md.indexOf("| macAUC |")).as("the paper's table first").isLessThan(md.indexOf("## Paired comparisons"));
        assertThat(Files.readAllLines(dir.resolve(StudyTable.CSV))).contains(
                "paired macAUC difference (1 minus setting)," + StudyTable.number(vsWeak.difference()) + ",0.000,reference",
                "paired macAUC difference 95% CI (1 minus setting),\"" + StudyTable.interval(vsWeak.interval()) + "\",\"[0.000, 0.000]\",reference",
                "paired macAUC p (1 minus setting),< 0.005,1.000,reference", "paired macAUC test exams (1 minus setting),300,300,reference",
                "paired macAUC verdict (1 minus setting),1 beats 1/8,no difference shown,reference",
                "paired 0 vs. others difference (1 minus setting)," + StudyTable.number(zeroVsWeak.difference()) + ",0.000,reference");
    }

    @Test
    void withTheDrawnClassesTheTablesScoreAgainstThemToo() throws Exception {
        // BI-RADS 0 as a reader records it: a third of the drawn 0s recorded as 1. Setting "1" sees the drawn class, "1/8" does not.
        int n = 300;
        int[] drawnClasses = SyntheticScores.labels(n);
        int[] recorded = IntStream.range(0, n).map(i -> drawnClasses[i] == 0 && i % 9 == 0 ? 1 : drawnClasses[i]).toArray();
        Random rng = new Random(6);
        double[][] sees = SyntheticScores.probabilities(drawnClasses, 2.0, rng);
        double[][] blind = SyntheticScores.probabilities(drawnClasses, 0.0, rng);
        StudyRunner.Outcome low = outcome("scale-1-8", "1/8", blind, recorded);
        StudyRunner.Outcome full = outcome("scale-1-1", "1", sees, recorded);
        java.util.Map<String, Integer> byExam = new java.util.HashMap<>();
        IntStream.range(0, n).forEach(i -> byExam.put("exam-" + i, drawnClasses[i]));
        TruthFile.Drawn drawn = new TruthFile.Drawn(dir.resolve("truth.csv"), byExam);

        StudyTable.write(dir, "Input resolution", List.of(low, full), false, ROUNDS, drawn);

        String md = Files.readString(dir.resolve(StudyTable.MARKDOWN));
        assertThat(md).contains("| 0 vs. others, drawn classes | " + StudyTable.number(PairwiseAuc.ofClass(blind, drawnClasses, 0)) + " | "
                + StudyTable.number(PairwiseAuc.ofClass(sees, drawnClasses, 0)) + " |");
        PairedBootstrap.Result againstDrawn = PairedBootstrap.compare(full.predictions().probabilities(), low.predictions().probabilities(),
                drawnClasses, PairedBootstrap.Measure.auc(0), ROUNDS, TrainingOptions.paper().run().seed());
        assertThat(md).contains("| 1 vs. 1/8 | 0 vs. others | drawn classes | " + StudyTable.number(againstDrawn.difference()) + " | "
                + StudyTable.interval(againstDrawn.interval()));
        assertThat(againstDrawn.difference()).as("against the drawn classes the gap is wider than against the recorded labels")
                .isGreaterThan(PairedBootstrap.compare(full.predictions(), low.predictions(), PairedBootstrap.Measure.auc(0), ROUNDS, 1)
                        .difference());
        assertThat(Files.readAllLines(dir.resolve(StudyTable.CSV)))
                .contains("\"paired 0 vs. others difference (1 minus setting, drawn classes)\"," + StudyTable.number(againstDrawn.difference())
                        + ",reference");
    }

    @Test
    void aTestExamTheTruthLacksIsNamed() {
        int[] y = SyntheticScores.labels(30);
        Random rng = new Random(2);
        StudyRunner.Outcome low = outcome("scale-1-8", "1/8", SyntheticScores.probabilities(y, 1, rng), y);
        StudyRunner.Outcome full = outcome("scale-1-1", "1", SyntheticScores.probabilities(y, 1, rng), y);
        Path truth = dir.resolve("truth.csv");
        assertThatThrownBy(() -> StudyTable.write(dir, "Input resolution", List.of(low, full), false, 50,
                new TruthFile.Drawn(truth, java.util.Map.of("exam-1", 0))))
                .isInstanceOf(BadInputException.class).hasMessageContaining(truth + ": has no row for test exam exam-0");
    }

    @Test
    void settingsScoredOnDifferentExamsAreNamedNotCompared() {
        int[] y = SyntheticScores.labels(30);
        Random rng = new Random(2);
        StudyRunner.Outcome full = outcome("fraction-100", "100%", SyntheticScores.probabilities(y, 1, rng), y);
        double[][] p = SyntheticScores.probabilities(y, 1, rng);
        List<String> ids = IntStream.range(0, y.length).mapToObj(i -> i == 0 ? "elsewhere" : "exam-" + i).toList();
        StudyRunner.Outcome other = new StudyRunner.Outcome(setting("fraction-10", "10%"), report(p, y),
                new PredictionsFile.ScoredExams(ids, p, y), true);
        assertThatThrownBy(() -> StudyTable.write(dir, "Data size", List.of(other, full), false, 50, null))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("fraction-10: cannot be paired with setting 100% (the two settings scored different test exams: "
                        + "1 only in the first (exam-0), 1 only in the second (elsewhere))");
    }

    private static StudyRunner.Outcome outcome(String name, String label, double[][] p, int[] y) {
        List<String> ids = IntStream.range(0, y.length).mapToObj(i -> "exam-" + i).toList();
        return new StudyRunner.Outcome(setting(name, label), report(p, y), new PredictionsFile.ScoredExams(ids, p, y), true);
    }

    private static StudySetting setting(String name, String label) {
        return new StudySetting(name, label, TrainingOptions.paper(), Preprocessing.paper(), Double.NaN);
    }

    private static EvaluationReport report(double[][] p, int[] y) {
        return EvaluationReport.of(p, y, p, y, 50, 3);
    }
}
