package org.mvdcn.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.mvdcn.BadInputException;
import org.mvdcn.UsageException;
import org.mvdcn.data.LoaderConfig;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.SplitAssignment;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.Preprocessing;

/**
 * A training run's life (SPEC section 4): its folder, split and record, then the {@link
 * TrainingLoop} with the listeners that put the weights in place, validate, keep the best model,
 * checkpoint, stop early and, at the end, record, measure and describe the best model. A run stopped
 * anywhere (the end of an epoch, the periodic checkpoint, a stop request) resumes from its last
 * checkpoint onto the same path. The network, the optimiser's state and each batch's inputs are made
 * by one manager on the device the caller names (the machine's choice: a run may resume on another).
 */
public final class TrainingRun {

    /** A checkpoint in the middle of an epoch at most this often (a paper-scale epoch runs for a day on a CPU). */
    public static final double PARTIAL_CHECKPOINT_SECONDS = 30 * 60;

    /** What a finished run reports. */
    public record Result(Path run, List<EpochRecord> history, int bestEpoch, double bestValidationMacAuc) {}

    /** Thrown when a stop request ended the run after a checkpoint. */
    public static final class Stopped extends RuntimeException {
        Stopped(String message) {
            super(message);
        }
    }

    private TrainingRun() {}

    /**
     * Starts a run in {@code dir} (which must not hold one yet). {@code stop} is polled after each
     * step: when true, the run writes a checkpoint and throws {@link Stopped}.
     */
    public static Result start(Path manifest, Path dir, TrainingOptions options, Preprocessing preprocessing, Device device,
            Consumer<TrainingListener.BatchEnd> progress, Consumer<String> log, BooleanSupplier stop) throws IOException {
        RunFolder run = new RunFolder(dir);
        if (Files.exists(run.record())) {
            throw new BadInputException(dir, "already holds a run; use --resume to continue it or choose another --out");
        }
        RunRecord.StartingWeights fromWeights = FineTuningWeights.check(options.initialisation(), preprocessing);
        Files.createDirectories(dir);
        Manifest m = Manifest.load(manifest, false);
        log.accept(m.summary());
        SplitAssignment split = SplitAssignment.assign(m.exams());
        split.write(run.split());
        RunRecord record = RunRecord.start(manifest, m, split, options, preprocessing, fromWeights);
        record.write(run);
        return train(run, record, m, split, CheckpointState.fresh(), device, progress, log, stop);
    }

    /**
     * Continues the run from its last checkpoint; with {@code totalEpochs} (may be null), trains up
     * to that many epochs in all (a finished run is extended, its best model kept unless a later
     * epoch beats it).
     */
    public static Result resume(Path dir, Integer totalEpochs, Device device, Consumer<TrainingListener.BatchEnd> progress,
            Consumer<String> log, BooleanSupplier stop) throws IOException {
        RunFolder run = new RunFolder(dir);
        RunRecord record = RunRecord.read(run);
        record.checkManifest();
        CheckpointState state = Checkpoint.readState(run);
        if (totalEpochs != null) {
            if (totalEpochs <= state.epoch()) {
                throw new UsageException("the run has trained " + state.epoch() + " epochs already; extend it to more than that");
            }
            record = record.extend(record.options().toBuilder().epochs(totalEpochs).build());
            record.write(run);
        }
        log.accept("resuming " + dir + " " + state.where() + " (up to epoch " + record.options().optimisation().epochs() + ")");
        return train(run, record, Manifest.load(record.manifestPath(), false), SplitAssignment.read(run.split()), state, device,
                progress, log, stop);
    }

    private static Result train(RunFolder run, RunRecord record, Manifest manifest, SplitAssignment split, CheckpointState saved,
            Device device, Consumer<TrainingListener.BatchEnd> progress, Consumer<String> log, BooleanSupplier stop) throws IOException {
        TrainingOptions o = record.options();
        TrainingExams exams = TrainingExams.of(manifest, split, o);
        Preprocessing p = record.preprocessing();
        log.accept(String.format("training on %d exams, validating on %d; %s; %s, %s", exams.train().size(), exams.validation().size(),
                p.describe(), o.initialisation().describe() + (o.regularisation().batchNorm() ? ", batch normalisation" : ""),
                o.optimisation().describe()));
        ExamPipeline pipeline = new ExamPipeline(p);
        int batch = o.optimisation().batch();
        LoaderConfig loading = new LoaderConfig(batch, o.data().threads(), Math.max(2 * batch, 8), 1, o.data().skipBad(), o.run().seed());
        try (NDManager manager = NDManager.newBaseManager(device)) {
            TrainingStep step = TrainingStep.forRun(o, p, manager);
            LayerStatsLog layerStats = o.run().layerStatsEvery() > 0 ? new LayerStatsLog(run, o.run().layerStatsEvery(), saved.steps())
                    : null;
            // order matters: the weights first; validation measures, the best model is chosen, then the checkpoint records it
            // and early stopping reads it
            List<TrainingListener> listeners = new ArrayList<>(List.of(
                    new RestoreOrInitialise(run, record, saved, step, exams.train(), pipeline, loading, log), TrainingListener.onEachBatch(progress),
                    new ValidationListener(step.network(), manager, pipeline, exams.validation(), loading, log),
                    new BestModelListener(run, step.network(), p),
                    new CheckpointListener(run, step.network(), step.adam(), PARTIAL_CHECKPOINT_SECONDS, stop),
                    new CurveListener(run), new EpochLog(log), new EarlyStopping(o.optimisation().patience(), log)));
            if (layerStats != null) {
                listeners.add(layerStats);
            }
            listeners.add(new FinishedRun(run, record, device, log));
            TrainingState state = new TrainingLoop(step, exams.train(), pipeline, loading, o, layerStats, listeners, log).run(saved);
            return new Result(run.dir(), state.history(), state.bestEpoch(), state.bestValidationMacAuc());
        }
    }
}
