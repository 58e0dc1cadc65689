package org.mvdcn.train;

import org.mvdcn.UsageException;
import org.mvdcn.model.WeightInit;

/**
 * The optimisation choices beyond the paper's recipe (issue 15: what makes the full-resolution
 * network learn); {@link #paper()} is the paper's: Glorot weights, constant rate, no clipping.
 * Runs written before these existed read back as the paper's.
 *
 * @param init how the weights are drawn
 * @param warmupSteps linear learning-rate warm-up over this many optimiser steps (0: none)
 * @param schedule the rate after the warm-up
 * @param clipGradNorm the gradients' global L2 norm is scaled down to this at most (0: no clipping)
 */
public record OptimisationOptions(WeightInit init, int warmupSteps, LearningRateSchedule.Decay schedule, double clipGradNorm) {

    public static OptimisationOptions paper() {
        return new OptimisationOptions(WeightInit.GLOROT, 0, LearningRateSchedule.Decay.CONSTANT, 0);
    }

    /** The same choices with a warm-up of {@code steps} optimiser steps. */
    public OptimisationOptions withWarmupSteps(int steps) {
        return new OptimisationOptions(init, steps, schedule, clipGradNorm);
    }

    public OptimisationOptions {
        init = init == null ? WeightInit.GLOROT : init;
        schedule = schedule == null ? LearningRateSchedule.Decay.CONSTANT : schedule;
        if (warmupSteps < 0 || !(clipGradNorm >= 0) || Double.isInfinite(clipGradNorm)) {
            throw new UsageException("need --warmup >= 0 and a finite --clip-grad-norm >= 0, got " + warmupSteps + " and " + clipGradNorm);
        }
    }

    /** The schedule of a run of {@code totalSteps} optimiser steps at base rate {@code learningRate}. */
    public LearningRateSchedule scheduleFor(double learningRate, long totalSteps) {
        return new LearningRateSchedule(learningRate, warmupSteps, schedule, totalSteps);
    }

    /** How the run's log and model card say it, e.g. "glorot init, constant rate" for the paper's recipe. */
    public String describe() {
        StringBuilder s = new StringBuilder(init.label() + " init");
        if (warmupSteps > 0) {
            s.append(", ").append(warmupSteps).append("-step warm-up");
        }
        s.append(", ").append(schedule.label()).append(" rate");
        if (clipGradNorm > 0) {
            s.append(", gradient norm clipped at ").append(clipGradNorm);
        }
        return s.toString();
    }
}
