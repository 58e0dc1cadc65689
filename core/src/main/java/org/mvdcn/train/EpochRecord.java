package org.mvdcn.train;

/**
 * One epoch's outcome, as logged and as kept in the checkpoint.
 *
 * @param residentMib the process's resident memory at the end of the epoch (MiB): flat from epoch
 *     to epoch in a healthy run
 * @param nativeArrays libtorch arrays alive on the run's manager at the end of the epoch: the
 *     network's parameters and the optimiser's state, and nothing that grows with the steps
 */
public record EpochRecord(int epoch, double trainLoss, double validationMacAuc, double[] validationAuc, double seconds,
        double examsPerSecond, double residentMib, int nativeArrays) {}
