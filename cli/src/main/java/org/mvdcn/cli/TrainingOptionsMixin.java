package org.mvdcn.cli;

import org.mvdcn.model.WeightInit;
import org.mvdcn.train.LearningRateSchedule;
import org.mvdcn.train.OptimisationOptions;
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

    @Option(names = "--init", defaultValue = "glorot", paramLabel = "glorot|he|lsuv",
            description = "Weight initialisation: glorot (the paper's), he (He normal), lsuv (He, then each layer scaled to unit "
                    + "output variance on a training batch).")
    String init;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "STEPS",
            description = "Linear learning-rate warm-up over this many optimiser steps (0: none).")
    int warmup;

    @Option(names = "--schedule", defaultValue = "constant", paramLabel = "constant|cosine",
            description = "Learning rate after the warm-up: constant (the paper's) or cosine decay to zero at the last epoch.")
    String schedule;

    @Option(names = "--clip-grad-norm", defaultValue = "0", paramLabel = "X",
            description = "Scale the gradients down to global L2 norm X at most (0: no clipping).")
    double clipGradNorm;

    @Option(names = "--layer-stats-every", defaultValue = "0", paramLabel = "STEPS",
            description = "Measure every layer's activations and gradients each STEPS steps, from the first (RUN/layer-stats.csv and "
                    + ".png; 0: never).")
    int layerStatsEvery;

    @Option(names = "--patience", defaultValue = "0", paramLabel = "EPOCHS",
            description = "Stop once validation macAUC has not risen for EPOCHS epochs (0: train all --epochs, the paper's).")
    int patience;

    TrainingOptions toOptions(int loaderThreads) {
        return new TrainingOptions(epochs, batch, lr, width, fraction, noise, dropout, seed, loaderThreads, skipBad,
                new OptimisationOptions(WeightInit.parse(init), warmup, LearningRateSchedule.Decay.parse(schedule), clipGradNorm),
                layerStatsEvery, patience);
    }
}
