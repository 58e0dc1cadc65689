package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyCommandTest {

    @TempDir
    Path dir;

    @Test
    void resolutionStudyReportsTheLayersThatRanBesideThePapersNumbers() throws Exception {
        Path cohort = dir.resolve("cohort");
        assertThat(CommandRunner.run("synth", "--out", cohort.toString(), "--patients", "60", "--scale", "0.1").exitCode()).isZero();
        CommandRunner r = CommandRunner.run("study", "resolution", "--manifest", cohort.resolve("manifest.csv").toString(),
                "--out", dir.resolve("study").toString(), "--epochs", "1", "--lr", "1e-3", "--width", "0.25", "--crop", "240x192",
                "--crops", "1", "--bootstrap", "20", "--truth", cohort.resolve("truth.csv").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        // 240x192 down-scaled by 8, 4, 2, 1: 30x24, 60x48, 120x96, 240x192
        assertThat(r.out()).contains("|  | 1/8 | 1/4 | 1/2 | 1 |").contains("| paper macAUC | 0.596 | 0.599 | 0.652 | 0.685 |")
                .contains("| last layer run | conv2a | conv2b | conv2c | conv3b |");
        // full size against each smaller scale, paired on the same test exams
        assertThat(r.out()).contains("## Paired comparisons").contains("| 1 vs. 1/8 | ").contains("| 1 vs. 1/4 | ")
                .contains("| 1 vs. 1/2 | ").doesNotContain("| 1 vs. 1 |");
        // and against the classes the cohort drew, for macAUC and for BI-RADS 0 against the others
        assertThat(r.out()).contains("| macAUC, drawn classes |").contains("| 1 vs. 1/8 | macAUC | drawn classes |")
                .contains("| 1 vs. 1/8 | 0 vs. others | drawn classes |");
    }

    @Test
    void aMissingTruthIsNamedBeforeAnythingTrains() {
        Path truth = dir.resolve("nowhere/truth.csv");
        CommandRunner r = CommandRunner.run("study", "resolution", "--manifest", "m.csv", "--out", dir.resolve("study").toString(),
                "--truth", truth.toString());
        assertThat(r.exitCode()).as(r.err()).isNotZero();
        assertThat(r.err()).contains(truth.toString()).contains("truth");
        assertThat(dir.resolve("study")).doesNotExist();
    }

    @Test
    void anUnknownStudyIsAUsageError() {
        CommandRunner r = CommandRunner.run("study", "colour", "--manifest", "m.csv", "--out", dir.toString());
        assertThat(r.exitCode()).isEqualTo(64);
        assertThat(r.err()).contains("unknown study 'colour'");
    }

    @Test
    void theConfidenceStudyNeedsARun() {
        CommandRunner r = CommandRunner.run("study", "confidence", "--out", dir.toString());
        assertThat(r.exitCode()).isEqualTo(64);
        assertThat(r.err()).contains("study confidence needs --run");
    }
}
