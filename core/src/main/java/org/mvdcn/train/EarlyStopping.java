package org.mvdcn.train;

import java.util.function.Consumer;

/**
 * Ends a run once validation macAUC has not risen for {@code patience} epochs (0: never, the
 * paper's recipe). Listens after the best model is chosen, whose epoch it counts from; a resumed run
 * that had already waited its patience out ends at once.
 */
final class EarlyStopping implements TrainingListener {

    private final int patience;
    private final Consumer<String> log;

    EarlyStopping(int patience, Consumer<String> log) {
        this.patience = patience;
        this.log = log;
    }

    @Override
    public void onTrainingBegin(TrainingState state) {
        check(state);
    }

    @Override
    public void onRecorded(EpochRecord record, TrainingState state) {
        check(state);
    }

    private void check(TrainingState state) {
        if (spent(state)) {
            state.stopEarly();
            log.accept(String.format("validation macAUC has not risen for %d epochs: stopping after epoch %d (best: epoch %d, %.4f)",
                    patience, state.history().get(state.history().size() - 1).epoch(), state.bestEpoch(), state.bestValidationMacAuc()));
        }
    }

    /** Whether a run at {@code state} has waited its patience out (validation macAUC not risen since its best epoch). */
    boolean spent(TrainingState state) {
        return patience > 0 && !state.history().isEmpty()
                && state.history().get(state.history().size() - 1).epoch() - state.bestEpoch() >= patience;
    }
}
