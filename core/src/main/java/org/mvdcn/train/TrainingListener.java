package org.mvdcn.train;

import java.io.IOException;

/**
 * A side task of the training loop, in the manner of DJL's {@code TrainingListener}s: the weights
 * at the start, progress, validation, the best model, checkpoints, the curve, early stopping and
 * what a finished run keeps each listen to the loop instead of living in it. Listeners run in the
 * order given, on the training thread.
 */
public interface TrainingListener {

    /** A listener that hands each {@link BatchEnd} to {@code progress} (a progress display). */
    static TrainingListener onEachBatch(java.util.function.Consumer<BatchEnd> progress) {
        return new TrainingListener() {
            @Override
            public void onBatch(BatchEnd batch) {
                progress.accept(batch);
            }
        };
    }

    /** Before the first step, of a fresh run or a resumed one: the weights are put in place here. */
    default void onTrainingBegin(TrainingState state) throws IOException {}

    /** After each optimiser step. */
    default void onBatch(BatchEnd batch) throws IOException {}

    /** After an epoch's last step, before its record is made: measurements (validation) go into {@code epoch}. */
    default void onEpoch(EpochEnd epoch) throws IOException {}

    /** After the epoch's record joined the state: what is kept of it (best model, checkpoint, curve, log). */
    default void onRecorded(EpochRecord record, TrainingState state) throws IOException {}

    /** After the last epoch, or the one early stopping ended the run with (not when a stop request ends it). */
    default void onTrainingEnd(TrainingState state) throws IOException {}

    /** Where an epoch's training pass stands after a step. */
    record BatchEnd(int epoch, int epochs, int batches, int exams, int examsInEpoch, double lossSum, double seconds,
            TrainingState state) {

        public double meanLoss() {
            return lossSum / Math.max(exams, 1);
        }

        public double examsPerSecond() {
            return exams / Math.max(seconds, 1e-9);
        }

        /** Seconds left in the run at this epoch's pace. */
        public double etaSeconds() {
            double remaining = (examsInEpoch - exams) + (epochs - epoch) * (double) examsInEpoch;
            return remaining / Math.max(examsPerSecond(), 1e-9);
        }
    }
}
