package org.mvdcn.train;

import java.util.ArrayList;
import java.util.List;

/** What the loop and its listeners share across epochs: the history and the best epoch so far. */
public final class TrainingState {

    private final List<EpochRecord> history;
    private int bestEpoch;
    private double bestValidationMacAuc;
    private boolean stoppedEarly;

    TrainingState(CheckpointState saved) {
        this.history = new ArrayList<>(saved.history());
        this.bestEpoch = saved.bestEpoch();
        this.bestValidationMacAuc = saved.bestValidationMacAuc();
    }

    public List<EpochRecord> history() {
        return List.copyOf(history);
    }

    public int bestEpoch() {
        return bestEpoch;
    }

    public double bestValidationMacAuc() {
        return bestValidationMacAuc;
    }

    void add(EpochRecord record) {
        history.add(record);
    }

    /** Whether {@code record} beats the best so far (the first epoch always does; NaN never beats a number). */
    boolean improvesOn(EpochRecord record) {
        return bestEpoch == 0 || record.validationMacAuc() > bestValidationMacAuc;
    }

    void best(EpochRecord record) {
        bestEpoch = record.epoch();
        bestValidationMacAuc = record.validationMacAuc();
    }

    /** Ends the run after the epoch under way (early stopping). */
    void stopEarly() {
        stoppedEarly = true;
    }

    boolean stoppedEarly() {
        return stoppedEarly;
    }

    /** The state to save, after {@code steps} optimiser steps, with the unfinished epoch if any. */
    CheckpointState save(long steps, CheckpointState.PartialEpoch partial) {
        int epoch = history.isEmpty() ? 0 : history.get(history.size() - 1).epoch();
        return new CheckpointState(epoch, steps, bestEpoch, bestValidationMacAuc, history, partial);
    }
}
