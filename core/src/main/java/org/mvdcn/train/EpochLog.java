package org.mvdcn.train;

import java.util.function.Consumer;

/** One log line per epoch: loss, validation AUCs, time, and the memory figures a long run is watched by. */
final class EpochLog implements TrainingListener {

    private final Consumer<String> log;

    EpochLog(Consumer<String> log) {
        this.log = log;
    }

    @Override
    public void onRecorded(EpochRecord r, TrainingState state) {
        double[] auc = r.validationAuc();
        log.accept(String.format("epoch %d: loss %.4f, validation macAUC %.4f (AUC %.3f/%.3f/%.3f), %.1f s, resident %.0f MiB%s",
                r.epoch(), r.trainLoss(), r.validationMacAuc(), auc[0], auc[1], auc[2], r.seconds(), r.residentMib(),
                state.bestEpoch() == r.epoch() ? ", best so far" : ""));
    }
}
