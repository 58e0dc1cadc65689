package org.mvdcn.train;

import org.mvdcn.UsageException;

/**
 * How Adam goes over the data: the paper's epochs, batch and rate (SPEC section 4), and the choices
 * beyond them that issue 15 found the full-resolution network needs: a warm-up, a decay, gradient
 * clipping, and early stopping. Runs written before a choice existed read back with the paper's.
 *
 * @param epochs maximum epochs
 * @param batch exams per mini-batch
 * @param learningRate Adam's rate after the warm-up
 * @param warmupSteps linear learning-rate warm-up over this many optimiser steps (0: none)
 * @param schedule the rate after the warm-up
 * @param clipGradNorm the gradients' global L2 norm is scaled down to this at most (0: no clipping)
 * @param patience stop once validation macAUC has not risen for this many epochs (0: train all epochs)
 */
public record OptimisationOptions(int epochs, int batch, float learningRate, int warmupSteps, LearningRateSchedule.Decay schedule,
        double clipGradNorm, int patience) {

    public OptimisationOptions {
        schedule = schedule == null ? LearningRateSchedule.Decay.CONSTANT : schedule;
        if (epochs < 1 || batch < 1 || !(learningRate > 0)) {
            throw new UsageException("need --epochs >= 1, --batch >= 1 and --lr > 0, got " + epochs + ", " + batch + " and " + learningRate);
        }
        if (warmupSteps < 0 || !(clipGradNorm >= 0) || Double.isInfinite(clipGradNorm) || patience < 0) {
            throw new UsageException("need --warmup >= 0, a finite --clip-grad-norm >= 0 and --patience >= 0, got " + warmupSteps + ", "
                    + clipGradNorm + " and " + patience);
        }
    }

    /** The schedule of a run of {@code totalSteps} optimiser steps. */
    public LearningRateSchedule scheduleFor(long totalSteps) {
        return new LearningRateSchedule(learningRate, warmupSteps, schedule, totalSteps);
    }

    /** How the run's log and model card say the rate's course, e.g. "constant rate" for the paper's recipe. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (warmupSteps > 0) {
            s.append(warmupSteps).append("-step warm-up, ");
        }
        s.append(schedule.label()).append(" rate");
        if (clipGradNorm > 0) {
            s.append(", gradient norm clipped at ").append(clipGradNorm);
        }
        return s.toString();
    }
}
