package org.mvdcn.train;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.mvdcn.data.ExamBatch;
import org.mvdcn.data.ExamLoader;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.LoaderConfig;
import org.mvdcn.data.Seeds;
import org.mvdcn.data.Split;
import org.mvdcn.preprocess.ExamPipeline;

/**
 * The epochs of a run, as DJL's {@code EasyTrain} runs them: the loader's batches, one {@link
 * TrainingStep} each, and everything else in the {@link TrainingListener}s, called in order. Every
 * random choice derives from the seed, the epoch and the batch, so a run resumed from a checkpoint
 * in the middle of an epoch skips the exams it had seen and goes on exactly as it would have.
 */
final class TrainingLoop {

    private final TrainingStep step;
    private final List<ExamRecord> exams;
    private final ExamPipeline pipeline;
    private final LoaderConfig loading;
    private final OptimisationOptions optimisation;
    private final long seed;
    private final LayerStatsLog layerStats;
    private final List<TrainingListener> listeners;
    private final Consumer<String> log;

    /** {@code layerStats}: where measured steps go (null: none measured). */
    TrainingLoop(TrainingStep step, List<ExamRecord> exams, ExamPipeline pipeline, LoaderConfig loading, TrainingOptions options,
            LayerStatsLog layerStats, List<TrainingListener> listeners, Consumer<String> log) {
        this.step = step;
        this.exams = exams;
        this.pipeline = pipeline;
        this.loading = loading;
        this.optimisation = options.optimisation();
        this.seed = options.run().seed();
        this.layerStats = layerStats;
        this.listeners = listeners;
        this.log = log;
    }

    /** Trains from {@code saved} (a fresh state for a new run) to the last epoch or an early stop. */
    TrainingState run(CheckpointState saved) throws IOException {
        TrainingState state = new TrainingState(saved);
        for (TrainingListener l : listeners) {
            l.onTrainingBegin(state);
        }
        // the loader keeps a short last batch: an epoch is ceil(exams / batch) steps
        LearningRateSchedule schedule = optimisation.scheduleFor(
                (long) optimisation.epochs() * ((exams.size() + optimisation.batch() - 1) / optimisation.batch()));
        CheckpointState.PartialEpoch resumed = saved.partial();
        for (int epoch = saved.epoch() + 1; epoch <= optimisation.epochs() && !state.stoppedEarly(); epoch++) {
            epoch(resumed != null ? resumed : new CheckpointState.PartialEpoch(epoch, 0, 0, 0, 0), schedule, state);
            resumed = null;
        }
        for (TrainingListener l : listeners) {
            l.onTrainingEnd(state);
        }
        return state;
    }

    /** The rest of an epoch from where {@code done} stands (its start, or a checkpoint within it). */
    private void epoch(CheckpointState.PartialEpoch done, LearningRateSchedule schedule, TrainingState state) throws IOException {
        int epoch = done.epoch();
        int batches = done.batches();
        int seen = done.exams();
        double lossSum = done.lossSum();
        long start = System.nanoTime() - (long) (done.seconds() * 1e9);
        try (ExamLoader loader = new ExamLoader(exams, Split.TRAIN, pipeline, loading, epoch, log)) {
            loader.skip(seen);
            for (ExamBatch batch = loader.next(); batch != null; batch = loader.next()) {
                // dropout and input noise draw from libtorch's generator: seeded per step, a resumed step is identical
                Engine.getInstance().setRandomSeed(Seeds.random(seed, epoch, batches).nextInt());
                LayerStats stats = layerStats == null ? null : layerStats.due(step.adam().steps(), epoch);
                lossSum += step.take(batch, schedule.rate(step.adam().steps() + 1), stats) * batch.size();
                if (stats != null) {
                    layerStats.add(stats.rows());
                }
                seen += batch.size();
                batches++;
                TrainingListener.BatchEnd end = new TrainingListener.BatchEnd(epoch, optimisation.epochs(), batches, seen, exams.size(),
                        lossSum, (System.nanoTime() - start) / 1e9, state);
                for (TrainingListener l : listeners) {
                    l.onBatch(end);
                }
            }
        }
        EpochEnd end = new EpochEnd(epoch, lossSum / Math.max(seen, 1), seen, (System.nanoTime() - start) / 1e9,
                step.manager().getManagedArrays().size());
        for (TrainingListener l : listeners) {
            l.onEpoch(end);
        }
        EpochRecord record = end.record();
        state.add(record);
        for (TrainingListener l : listeners) {
            l.onRecorded(record, state);
        }
    }
}
