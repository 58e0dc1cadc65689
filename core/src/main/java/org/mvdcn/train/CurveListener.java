package org.mvdcn.train;

import java.io.IOException;

/** Redraws {@code training-curve.png} after every epoch. */
final class CurveListener implements TrainingListener {

    private final RunFolder run;

    CurveListener(RunFolder run) {
        this.run = run;
    }

    @Override
    public void onRecorded(EpochRecord record, TrainingState state) throws IOException {
        TrainingCurve.write(run.curve(), state.history());
    }
}
