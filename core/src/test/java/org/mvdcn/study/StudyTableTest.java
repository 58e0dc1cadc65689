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
import org.mvdcn.eval.PredictionsFile;
import org.mvdcn.eval.SyntheticScores;
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

        StudyTable.write(dir, "Input resolution", List.of(weak, same, full), false, ROUNDS);

        long seed = TrainingOptions.paper().run().seed();
        PairedBootstrap.Result vsWeak = PairedBootstrap.compare(full.predictions(), weak.predictions(), ROUNDS, seed);
        assertThat(vsWeak.interval().low()).as("the synthetic gap is far beyond noise").isPositive();
        String md = Files.readString(dir.resolve(StudyTable.MARKDOWN));
        assertThat(md).contains("| macAUC |").contains("## Paired comparisons").contains("macAUC of 1 minus that of each other setting")
                .contains("| A vs. B | macAUC A - B | 95% CI | p | paired test exams | resamples skipped (a class missing) | verdict |")
                .contains("| 1 vs. 1/8 | " + StudyTable.number(vsWeak.difference()) + " | " + StudyTable.interval(vsWeak.interval())
                        + " | < 0.005 | 300 | 0 | 1 beats 1/8 |")
                .contains("| 1 vs. 1/2 | 0.000 | [0.000, 0.000] | 1.000 | 300 | 0 | no difference shown |");
        assertThat(md.indexOf("| macAUC |")).as("the paper's table first").isLessThan(md.indexOf("## Paired comparisons"));
        assertThat(Files.readAllLines(dir.resolve(StudyTable.CSV))).contains(
                "paired macAUC difference (1 minus setting)," + StudyTable.number(vsWeak.difference()) + ",0.000,reference",
                "paired difference 95% CI,\"" + StudyTable.interval(vsWeak.interval()) + "\",\"[0.000, 0.000]\",reference",
                "paired p,< 0.005,1.000,reference", "paired test exams,300,300,reference",
                "paired verdict,1 beats 1/8,no difference shown,reference");
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
        assertThatThrownBy(() -> StudyTable.write(dir, "Data size", List.of(other, full), false, 50))
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
