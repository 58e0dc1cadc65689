package org.mvdcn.train;

import java.io.IOException;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.weights.NetworkWeights;

/** Keeps the best-validation model as {@code best.safetensors}, with the preprocessing in its metadata. */
final class BestModelListener implements TrainingListener {

    private final RunFolder run;
    private final MultiViewNetwork network;
    private final Preprocessing preprocessing;

    BestModelListener(RunFolder run, MultiViewNetwork network, Preprocessing preprocessing) {
        this.run = run;
        this.network = network;
        this.preprocessing = preprocessing;
    }

    @Override
    public void onRecorded(EpochRecord record, TrainingState state) throws IOException {
        if (state.improvesOn(record)) {
            state.best(record);
            NetworkWeights.saveSafetensors(network, preprocessing, run.best());
        }
    }
}
