package org.mvdcn.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.mvdcn.UsageException;

/**
 * How a model is trained; recorded whole in the run's provenance beside its {@link
 * org.mvdcn.preprocess.Preprocessing}. Defaults are the paper's (SPEC section 4).
 *
 * @param epochs maximum epochs (100)
 * @param batch exams per mini-batch (4)
 * @param learningRate Adam's learning rate (1e-5)
 * @param width channel multiplier (1)
 * @param fraction share of the training patients used (1; the data-size study uses 0.1 .. 1)
 * @param noiseStd input noise while training (0.01)
 * @param dropout dropout after each pooling layer and in the head (0.2)
 * @param seed every random choice derives from it
 * @param threads loader threads
 * @param skipBad skip exams with unreadable images instead of stopping
 * @param optimisation initialisation, learning-rate schedule and clipping (the paper's: {@link OptimisationOptions#paper()})
 * @param layerStatsEvery measure every layer each this many optimiser steps, from the first (0: never; {@link LayerStats})
 * @param patience stop once validation macAUC has not risen for this many epochs (0: train all epochs, the paper's)
 */
// run records written before the preprocessing section kept the crop and the down-scaling here; RunRecord moves them to the preprocessing
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainingOptions(int epochs, int batch, float learningRate, double width, double fraction, float noiseStd,
        float dropout, long seed, int threads, boolean skipBad, OptimisationOptions optimisation, int layerStatsEvery,
        int patience) {

    public static TrainingOptions paper() {
        return new TrainingOptions(100, 4, 1e-5f, 1.0, 1.0, 0.01f, 0.2f, 1, 1, false);
    }

    public TrainingOptions {
        optimisation = optimisation == null ? OptimisationOptions.paper() : optimisation;
        if (epochs < 1 || batch < 1 || !(learningRate > 0) || !(width > 0) || !(fraction > 0 && fraction <= 1) || threads < 1
                || !(noiseStd >= 0) || !(dropout >= 0 && dropout < 1) || layerStatsEvery < 0 || patience < 0) {
            throw new UsageException("invalid training options: " + this);
        }
    }

    /** The paper's optimisation, no layer measurements. */
    public TrainingOptions(int epochs, int batch, float learningRate, double width, double fraction, float noiseStd, float dropout,
            long seed, int threads, boolean skipBad) {
        this(epochs, batch, learningRate, width, fraction, noiseStd, dropout, seed, threads, skipBad, OptimisationOptions.paper(), 0, 0);
    }

    /** The same options with another epoch budget (extending a finished run). */
    public TrainingOptions withEpochs(int total) {
        return new TrainingOptions(total, batch, learningRate, width, fraction, noiseStd, dropout, seed, threads, skipBad,
                optimisation, layerStatsEvery, patience);
    }

    /** The same options on another share of the training patients (the data-size study). */
    public TrainingOptions withFraction(double share) {
        return new TrainingOptions(epochs, batch, learningRate, width, share, noiseStd, dropout, seed, threads, skipBad,
                optimisation, layerStatsEvery, patience);
    }

    /** The same options with other optimisation choices. */
    public TrainingOptions withOptimisation(OptimisationOptions choices, int statsEvery) {
        return new TrainingOptions(epochs, batch, learningRate, width, fraction, noiseStd, dropout, seed, threads, skipBad, choices,
                statsEvery, patience);
    }

    /** The same options stopping after {@code epochs} epochs without a better validation macAUC. */
    public TrainingOptions withPatience(int epochs) {
        return new TrainingOptions(this.epochs, batch, learningRate, width, fraction, noiseStd, dropout, seed, threads, skipBad,
                optimisation, layerStatsEvery, epochs);
    }

    /** Whether a run at {@code state} has waited its patience out (validation macAUC not risen since its best epoch). */
    boolean patienceSpent(TrainingState state) {
        return patience > 0 && !state.history().isEmpty()
                && state.history().get(state.history().size() - 1).epoch() - state.bestEpoch() >= patience;
    }
}
