package org.mvdcn.train;

import ai.djl.Device;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * What a run keeps once its last epoch is done: run.json with the best epoch, then the
 * measurements of the best model ({@link PostTrainingStep#AFTER_TRAINING}: its calibration, its
 * training features' distribution and its training exams' equipment and pixel spacing), then the
 * model card made from all of them.
 */
final class FinishedRun implements TrainingListener {

    private final RunFolder run;
    private final RunRecord record;
    private final Device device;
    private final Consumer<String> log;

    FinishedRun(RunFolder run, RunRecord record, Device device, Consumer<String> log) {
        this.run = run;
        this.record = record;
        this.device = device;
        this.log = log;
    }

    @Override
    public void onTrainingEnd(TrainingState state) throws IOException {
        record.finish(state.bestEpoch(), state.bestValidationMacAuc(), run.best().getFileName().toString()).write(run);
        PostTrainingStep.run(run.dir(), PostTrainingStep.AFTER_TRAINING, record.options().data().threads(), device, log);
        log.accept("model card: " + ModelCard.write(run.dir(), run.evaluation()));
    }
}
