package org.mvdcn.cli;

import java.nio.file.Path;
import org.mvdcn.model.OutputHead;
import org.mvdcn.model.WeightInit;
import org.mvdcn.train.FrozenLayers;
import org.mvdcn.train.LearningRateSchedule;
import org.mvdcn.train.TrainingOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The training options of train and study. Each field starts at the paper's value from {@link
 * TrainingOptions#paper()} (SPEC section 4), which picocli takes and --help shows as the default.
 */
public final class TrainingOptionsMixin {

    private static final TrainingOptions PAPER = TrainingOptions.paper();

    @Option(names = "--epochs", description = "Maximum epochs.")
    int epochs = PAPER.optimisation().epochs();

    @Option(names = "--batch", description = "Exams per mini-batch.")
    int batch = PAPER.optimisation().batch();

    @Option(names = "--lr", description = "Adam learning rate.")
    float lr = PAPER.optimisation().learningRate();

    @Option(names = "--width", paramLabel = "M", description = "Channel width multiplier (1 = the paper's).")
    double width = PAPER.initialisation().width();

    @Option(names = "--head", paramLabel = "exam|breast",
            description = "exam (the paper's: one head on the four views, trained on the exam's label) or breast (one head per breast "
                    + "on its CC and MLO views, trained on the manifest's breast_label; the exam's probabilities by the exam rule). "
                    + "Breast labels teach what a finding in one view looks like where exam labels could not "
                    + "(docs/studies/positive-control.md).")
    String head = PAPER.initialisation().head().label();

    @Mixin
    PreprocessingOptions preprocessing;

    @Option(names = "--fraction", description = "Share of the training patients to use.")
    double fraction = PAPER.data().fraction();

    @Option(names = "--noise", description = "Input noise std while training.")
    float noise = PAPER.regularisation().noiseStd();

    @Option(names = "--dropout", description = "Dropout rate while training.")
    float dropout = PAPER.regularisation().dropout();

    @Option(names = "--batch-norm",
            description = "Batch normalisation after each convolution while training (not the paper's), folded into the convolutions "
                    + "afterwards, so the model file keeps the reference's layout. Lets the column learn evidence a pixel across "
                    + "(docs/studies/positive-control.md).")
    boolean batchNorm = PAPER.regularisation().batchNorm();

    @Option(names = "--seed", description = "Seed of every random choice.")
    long seed = PAPER.run().seed();

    @Option(names = "--skip-bad", description = "Skip exams with unreadable images (logged) instead of stopping.")
    boolean skipBad = PAPER.data().skipBad();

    @Option(names = "--init", paramLabel = "glorot|he|lsuv|centred",
            description = "Weight initialisation: glorot (the paper's), he (He normal), lsuv (He, then each layer scaled to unit "
                    + "output variance on a training batch), centred (He, then each channel of each convolution centred and scaled to zero "
                    + "mean and unit variance on a training batch: a start from which the column can learn evidence a pixel across).")
    String init = PAPER.initialisation().init().label();

    @Option(names = "--from", paramLabel = "WEIGHTS",
            description = "Fine-tune: start from these weights instead of drawn ones (any file predict --weights reads: safetensors, "
                    + "a torch.save state dict such as the paper's released model, a run's best.safetensors).")
    Path from;

    @Option(names = "--freeze", paramLabel = "conv1..convN",
            description = "With --from: keep the first convolutions of both columns as loaded, up to layer N (conv2b) or stage N "
                    + "(conv3: conv3a..conv3c).")
    String freeze;

    @Option(names = "--warmup", paramLabel = "STEPS", description = "Linear learning-rate warm-up over this many optimiser steps (0: none).")
    int warmup = PAPER.optimisation().warmupSteps();

    @Option(names = "--schedule", paramLabel = "constant|cosine",
            description = "Learning rate after the warm-up: constant (the paper's) or cosine decay to zero at the last epoch.")
    String schedule = PAPER.optimisation().schedule().label();

    @Option(names = "--clip-grad-norm", paramLabel = "X", description = "Scale the gradients down to global L2 norm X at most (0: no clipping).")
    double clipGradNorm = PAPER.optimisation().clipGradNorm();

    @Option(names = "--layer-stats-every", paramLabel = "STEPS",
            description = "Measure every layer's activations and gradients each STEPS steps, from the first (RUN/layer-stats.csv and "
                    + ".png; 0: never).")
    int layerStatsEvery = PAPER.run().layerStatsEvery();

    @Option(names = "--patience", paramLabel = "EPOCHS",
            description = "Stop once validation macAUC has not risen for EPOCHS epochs (0: train all --epochs, the paper's).")
    int patience = PAPER.optimisation().patience();

    TrainingOptions toOptions(int loaderThreads) {
        return TrainingOptions.builder().epochs(epochs).batch(batch).learningRate(lr).warmupSteps(warmup)
                .schedule(LearningRateSchedule.Decay.parse(schedule)).clipGradNorm(clipGradNorm).patience(patience)
                .fraction(fraction).threads(loaderThreads).skipBad(skipBad)
                .noiseStd(noise).dropout(dropout).batchNorm(batchNorm)
                .width(width).head(OutputHead.parse(head)).init(WeightInit.parse(init)).from(from).freeze(freeze == null ? null : FrozenLayers.parse(freeze))
                .seed(seed).layerStatsEvery(layerStatsEvery)
                .build();
    }
}
