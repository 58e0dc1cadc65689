package org.mvdcn.train;

/** One epoch's outcome, as logged and as kept in the checkpoint. */
public record EpochRecord(int epoch, double trainLoss, double validationMacAuc, double[] validationAuc, double seconds,
        double examsPerSecond) {}
