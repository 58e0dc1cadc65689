package org.mvdcn.train;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.mvdcn.BadInputException;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.SplitAssignment;

/**
 * A measurement of a finished run's best model that the run keeps: an entry in run.json and a key
 * in the model file's metadata, so the file carries it wherever it goes. Every run ends with
 * {@link #AFTER_TRAINING}, in order; a step also runs alone on an existing run (its own command).
 */
public interface PostTrainingStep {

    /** What every training run ends with, in order. */
    List<PostTrainingStep> AFTER_TRAINING = List.of(new RunCalibration(RunCalibration.CROPS), new RunFeatureDistribution(),
            new RunAcquisition());

    /**
     * What a step measures with: the run and its record so far, the exams it trained on (the share
     * it used) and validated on, the loader's threads and the device the model runs on.
     */
    record Context(RunFolder run, RunRecord record, List<ExamRecord> train, List<ExamRecord> validation, int threads, Device device,
            Consumer<String> log) {}

    /** Measures the best model, writes this step's key into its file, returns the record with this step's entry. */
    RunRecord apply(Context context) throws IOException;

    /** Runs {@code steps} on the finished run in {@code dir}, writing run.json after each; returns the final record. */
    static RunRecord run(Path dir, List<PostTrainingStep> steps, int threads, Device device, Consumer<String> log) throws IOException {
        RunFolder run = new RunFolder(dir);
        RunRecord record = RunRecord.read(run);
        if (!record.isFinished()) {
            throw new BadInputException(run.record(), "the run has not finished training (continue it with train --resume " + dir
                    + ")");
        }
        Manifest manifest = Manifest.load(record.manifestPath(), false);
        SplitAssignment split = SplitAssignment.read(run.split());
        TrainingExams exams = TrainingExams.of(manifest, split, record.options());
        for (PostTrainingStep step : steps) {
            record = step.apply(new Context(run, record, exams.train(), exams.validation(), threads, device, log));
            record.write(run);
        }
        return record;
    }
}
