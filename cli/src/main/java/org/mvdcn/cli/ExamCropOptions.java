package org.mvdcn.cli;

import picocli.CommandLine.Option;

/** How one exam's prediction averages crops, for the commands that score single exams (predict, explain, serve). */
public final class ExamCropOptions {

    @Option(names = "--crops", paramLabel = "N",
            description = "Crop sets to average: 1 = noise-free placement; default 1 if every view is exactly the crop size, else 10.")
    Integer crops;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for the random crop placements.")
    long seed;
}
