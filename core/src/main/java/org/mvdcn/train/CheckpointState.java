package org.mvdcn.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code checkpoint.json}: the counters and history saved beside the checkpoint's tensors.
 *
 * @param epoch the last finished epoch (0: none yet)
 * @param steps optimiser steps taken (Adam's bias correction needs the count)
 * @param bestEpoch epoch of the best validation macAUC so far (0: none yet)
 * @param history one record per finished epoch
 * @param partial the epoch under way when the checkpoint was written mid-epoch (Ctrl-C, or the
 *     periodic checkpoint); null at an epoch's end
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckpointState(int epoch, long steps, int bestEpoch, double bestValidationMacAuc, List<EpochRecord> history,
        PartialEpoch partial) {

    /** How far an unfinished epoch got: resumed from here, it continues exactly as it would have. */
    public record PartialEpoch(int epoch, int batches, int exams, double lossSum, double seconds) {}

    public CheckpointState {
        history = List.copyOf(history);
    }

    /** Where a run resumed from this state goes on, for its log: "from the start", "in epoch 2 after 12 exams", "after epoch 1". */
    String where() {
        return partial != null ? "in epoch " + partial.epoch() + " after " + partial.exams() + " exams"
                : epoch == 0 ? "from the start" : "after epoch " + epoch;
    }

    /** A run that has not finished an epoch yet. */
    static CheckpointState fresh() {
        return new CheckpointState(0, 0, 0, Double.NEGATIVE_INFINITY, List.of(), null);
    }
}
