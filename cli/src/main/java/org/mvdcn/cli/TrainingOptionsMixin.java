package org.mvdcn.cli;

import org.mvdcn.train.TrainingOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The training options of train and study (defaults: the paper's, SPEC section 4). */
public final class TrainingOptionsMixin {

    @Option(names = "--epochs", defaultValue = "100", description = "Maximum epochs.")
    int epochs;

    @Option(names = "--batch", defaultValue = "4", description = "Exams per mini-batch.")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-5", description = "Adam learning rate.")
    float lr;

    @Option(names = "--width", defaultValue = "1.0", paramLabel = "M", description = "Channel width multiplier (1 = the paper's).")
    double width;

    @Mixin
    PreprocessingOptions preprocessing;

    @Option(names = "--fraction", defaultValue = "1.0", description = "Share of the training patients to use.")
    double fraction;

    @Option(names = "--noise", defaultValue = "0.01", description = "Input noise std while training.")
    float noise;

    @Option(names = "--dropout", defaultValue = "0.2", description = "Dropout rate while training.")
    float dropout;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice.")
    long seed;

    @Option(names = "--skip-bad", description = "Skip exams with unreadable images (logged) instead of stopping.")
    boolean skipBad;

    TrainingOptions toOptions(int loaderThreads) {
        return new TrainingOptions(epochs, batch, lr, width, fraction, noise, dropout, seed, loaderThreads, skipBad);
    }
}
