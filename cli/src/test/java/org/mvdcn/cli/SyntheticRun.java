package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** A synthetic cohort (100 patients at 1/20 scale) and a one-epoch quarter-width run on it, made through the commands. */
record SyntheticRun(Path cohort, Path run, CommandRunner train) {

    static SyntheticRun in(Path dir) {
        Path cohort = dir.resolve("cohort");
        assertThat(CommandRunner.run("synth", "--out", cohort.toString(), "--patients", "100", "--scale", "0.05").exitCode()).isZero();
        Path run = dir.resolve("run");
        CommandRunner train = CommandRunner.run("train", "--manifest", cohort.resolve("manifest.csv").toString(), "--out",
                run.toString(), "--epochs", "1", "--lr", "1e-3", "--width", "0.25", "--crop", "120x90");
        assertThat(train.exitCode()).as(train.err()).isZero();
        return new SyntheticRun(cohort, run, train);
    }

    Path manifest() {
        return cohort.resolve("manifest.csv");
    }
}
