package org.mvdcn.train;

import ai.djl.Device;
import java.nio.file.Path;
import org.mvdcn.data.SplitAssignment;
import org.mvdcn.eval.ModelEvaluation;
import org.mvdcn.preprocess.PreprocessingOverrides;

/**
 * How to evaluate a run's best model: its manifest, split and preprocessing as recorded, with
 * crops and resamples drawn from the run's own seed unless another is given (an evaluation the
 * run can repeat). What demo, evaluate --run and the studies share.
 */
public final class RunEvaluation {

    private RunEvaluation() {}

    /** {@code seed} null: the run's own; {@code calibrated}: with the model's temperature, when it has one. */
    public static ModelEvaluation.Setup setup(Path dir, int crops, int bootstrapRounds, Long seed, int threads,
            PreprocessingOverrides overrides, boolean calibrated, Device device) {
        RunFolder run = new RunFolder(dir);
        RunRecord record = RunRecord.read(run);
        return new ModelEvaluation.Setup(record.manifestPath(), SplitAssignment.read(run.split()), run.best(), record.preprocessing(),
                overrides, crops, bootstrapRounds, seed != null ? seed : record.seed(), threads, calibrated, device);
    }
}
