package org.mvdcn.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.mvdcn.BadInputException;
import org.mvdcn.UsageException;
import org.mvdcn.data.ExamBatch;
import org.mvdcn.data.ExamLoader;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.LoaderConfig;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.Seeds;
import org.mvdcn.data.Split;
import org.mvdcn.data.SplitAssignment;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.model.TrainingPass;
import org.mvdcn.model.WeightInit;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.Preprocessing;

/**
 * Trains the multi-view network as the paper did (SPEC section 4): Adam on mini-batches of
 * exams with input noise and dropout; validation, the best model, checkpoints and the curve are
 * {@link TrainingListener}s, and the {@link PostTrainingStep}s measure the best model once training
 * ends. Every random choice derives from the seed, the epoch and the batch, so a run stopped
 * anywhere resumes from its last checkpoint (end of an epoch, the periodic one, or the one a stop
 * request writes) onto the same path. The network, the optimizer's state and each batch's inputs
 * and labels are made by one manager on the device the caller names (the machine's choice, not
 * the run's: a run may resume on another device).
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
        Files.createDirectories(dir);
        Manifest m = Manifest.load(manifest, false);
        log.accept(m.summary());
        SplitAssignment split = SplitAssignment.assign(m.exams());
        split.write(run.split());
        RunRecord record = RunRecord.start(manifest, m, split, options, preprocessing);
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
        Manifest m = Manifest.load(record.manifestPath(), false);
        SplitAssignment split = SplitAssignment.read(run.split());
        CheckpointState state = Checkpoint.readState(run);
        if (totalEpochs != null) {
            if (totalEpochs <= state.epoch()) {
                throw new UsageException("the run has trained " + state.epoch() + " epochs already; extend it to more than that");
            }
            record = record.extend(record.options().withEpochs(totalEpochs));
            record.write(run);
        }
        log.accept("resuming " + dir + (state.epoch() == 0 && state.partial() == null ? " from the start"
                : state.partial() != null ? " in epoch " + state.partial().epoch() + " after " + state.partial().exams() + " exams"
                : " after epoch " + state.epoch()) + " (up to epoch " + record.options().epochs() + ")");
        return train(run, record, m, split, state, device, progress, log, stop);
    }

    private static Result train(RunFolder run, RunRecord record, Manifest manifest, SplitAssignment split, CheckpointState saved,
            Device device, Consumer<TrainingListener.BatchEnd> progress, Consumer<String> log, BooleanSupplier stop) throws IOException {
        TrainingOptions o = record.options();
        List<ExamRecord> train = trainingExams(manifest, split, o);
        List<ExamRecord> validation = split.selectLabelled(manifest.exams(), Split.VALIDATION);
        if (train.isEmpty() || validation.isEmpty()) {
            throw new BadInputException(manifest.file(), "needs labelled exams in both the training and the validation split"
                    + " (have " + train.size() + " and " + validation.size() + ")");
        }
        log.accept(String.format("training on %d exams, validating on %d; %s; %s", train.size(), validation.size(),
                record.preprocessing().describe(), o.optimisation().describe()));
        Preprocessing p = record.preprocessing();
        ExamPipeline pipeline = new ExamPipeline(p);
        LoaderConfig loading = new LoaderConfig(o.batch(), o.threads(), Math.max(2 * o.batch(), 8), 1, o.skipBad(), o.seed());
        Result result;
        try (NDManager manager = NDManager.newBaseManager(device)) {
            Engine.getInstance().setRandomSeed((int) o.seed());
            MultiViewNetwork network = new MultiViewNetwork(new NetworkConfig(p.cropHeight(), p.cropWidth(), o.width(), o.noiseStd(),
                    o.dropout()));
            network.initialize(manager);
            AdamOptimizer adam = new AdamOptimizer(network.referenceParameters(), manager);
            ParameterStore store = new ParameterStore(manager, false);
            if (saved.epoch() > 0 || saved.partial() != null) {
                Checkpoint.restore(run, network, adam, saved);
            } else {
                initialise(network, store, o, train, pipeline, loading, manager, log);
            }
            // the loader keeps a short last batch: an epoch is ceil(exams / batch) steps
            LearningRateSchedule schedule = o.optimisation().scheduleFor(o.learningRate(),
                    (long) o.epochs() * ((train.size() + o.batch() - 1) / o.batch()));
            LayerStatsLog layerStats = o.layerStatsEvery() > 0 ? new LayerStatsLog(run, saved.steps()) : null;
            TrainingState state = new TrainingState(saved);
            CheckpointListener checkpoints = new CheckpointListener(run, network, adam, PARTIAL_CHECKPOINT_SECONDS);
            // order matters: validation measures, the best model is chosen before the checkpoint records it
            List<TrainingListener> listeners = new ArrayList<>(List.of(TrainingListener.onEachBatch(progress),
                    new ValidationListener(network, manager, pipeline, validation, loading, log),
                    new BestModelListener(run, network, p), checkpoints, new CurveListener(run), new EpochLog(log)));
            if (layerStats != null) {
                listeners.add(layerStats);
            }
            CheckpointState.PartialEpoch partial = saved.partial();
            for (int epoch = saved.epoch() + 1; epoch <= o.epochs() && !o.patienceSpent(state); epoch++) {
                int batches = partial == null ? 0 : partial.batches();
                int seen = partial == null ? 0 : partial.exams();
                double lossSum = partial == null ? 0 : partial.lossSum();
                long start = System.nanoTime() - (long) ((partial == null ? 0 : partial.seconds()) * 1e9);
                partial = null;
                try (ExamLoader loader = new ExamLoader(train, Split.TRAIN, pipeline, loading, epoch, log)) {
                    loader.skip(seen);
                    for (ExamBatch batch = loader.next(); batch != null; batch = loader.next()) {
                        // dropout and input noise draw from libtorch's generator: seeded per step, a resumed step is identical
                        Engine.getInstance().setRandomSeed(Seeds.random(o.seed(), epoch, batches).nextInt());
                        LayerStats stats = layerStats != null && adam.steps() % o.layerStatsEvery() == 0
                                ? new LayerStats(adam.steps(), epoch) : null;
                        lossSum += step(network, store, adam, batch, schedule.rate(adam.steps() + 1), o.optimisation().clipGradNorm(),
                                stats, manager) * batch.size();
                        if (stats != null) {
                            layerStats.add(stats.rows());
                        }
                        seen += batch.size();
                        batches++;
                        TrainingListener.BatchEnd end = new TrainingListener.BatchEnd(epoch, o.epochs(), batches, seen, train.size(),
                                lossSum, (System.nanoTime() - start) / 1e9, state);
                        for (TrainingListener l : listeners) {
                            l.onBatch(end);
                        }
                        if (stop.getAsBoolean()) {
                            checkpoints.savePartial(end);
                            throw new Stopped("stopped in epoch " + epoch + " after " + seen + " exams; checkpoint written: continue "
                                    + "with --resume " + run.dir());
                        }
                    }
                }
                EpochEnd end = new EpochEnd(epoch, lossSum / Math.max(seen, 1), seen, (System.nanoTime() - start) / 1e9,
                        manager.getManagedArrays().size());
                for (TrainingListener l : listeners) {
                    l.onEpoch(end);
                }
                EpochRecord epochRecord = end.record();
                state.add(epochRecord);
                for (TrainingListener l : listeners) {
                    l.onRecorded(epochRecord, state);
                }
            }
            if (o.patienceSpent(state)) {
                log.accept(String.format("validation macAUC has not risen for %d epochs: stopping after epoch %d (best: epoch %d, %.4f)",
                        o.patience(), state.history().get(state.history().size() - 1).epoch(), state.bestEpoch(),
                        state.bestValidationMacAuc()));
            }
            record.finish(state.bestEpoch(), state.bestValidationMacAuc(), run.best().getFileName().toString()).write(run);
            result = new Result(run.dir(), state.history(), state.bestEpoch(), state.bestValidationMacAuc());
        }
        // the training network's memory is free before the best model is loaded to be measured
        PostTrainingStep.run(run.dir(), PostTrainingStep.AFTER_TRAINING, o.threads(), device, log);
        log.accept("model card: " + ModelCard.write(run.dir(), run.evaluation()));
        return result;
    }

    /**
     * Draws the fresh network's weights as the options say: Glorot as made, He redrawn, or LSUV
     * scaled on a training batch (epoch 0's first, so epoch 1's order and crops stay as they were).
     */
    private static void initialise(MultiViewNetwork network, ParameterStore store, TrainingOptions o, List<ExamRecord> train,
            ExamPipeline pipeline, LoaderConfig loading, NDManager manager, Consumer<String> log) {
        WeightInit init = o.optimisation().init();
        init.apply(network);
        if (init != WeightInit.LSUV) {
            return;
        }
        try (ExamLoader loader = new ExamLoader(train, Split.TRAIN, pipeline, loading, 0, log);
                NDManager scope = manager.newSubManager()) {
            ExamBatch batch = loader.next();
            var reached = LayerSequentialUnitVariance.apply(network, store, batch.inputs(scope, 0));
            log.accept("LSUV on " + batch.size() + " training exams: " + reached.size() + " layers, output variance "
                    + String.format("%.3f..%.3f", reached.values().stream().mapToDouble(v -> v).min().orElse(Double.NaN),
                            reached.values().stream().mapToDouble(v -> v).max().orElse(Double.NaN)));
        }
    }

    /**
     * One optimisation step on a batch at learning rate {@code rate}, the gradients' global norm
     * clipped to {@code clip} first when it is positive, every layer measured into {@code stats}
     * when given; returns the batch's mean cross-entropy.
     */
    private static double step(MultiViewNetwork network, ParameterStore store, AdamOptimizer adam, ExamBatch batch, double rate,
            double clip, LayerStats stats, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDList inputs = batch.inputs(scope, 0);
            NDArray labels = batch.labels(scope);
            double loss;
            try (TrainingPass pass = network.trainingPass(store, inputs, stats)) {
                NDArray crossEntropy = pass.logits().logSoftmax(1).mul(labels.oneHot(3)).sum(new int[] {1}).neg().mean();
                pass.backward(crossEntropy);
                loss = crossEntropy.getFloat();
            }
            if (stats != null) {
                stats.gradients(network);
            }
            if (clip > 0) {
                GradientClipping.clip(network.referenceParameters().values(), clip);
            }
            adam.step(rate);
            return loss;
        }
    }

    /** The labelled training exams a run with options {@code o} trains on. */
    static List<ExamRecord> trainingExams(Manifest manifest, SplitAssignment split, TrainingOptions o) {
        return subset(split.selectLabelled(manifest.exams(), Split.TRAIN), o.fraction(), o.seed());
    }

    /** A seeded share of the training patients, with all their exams (the data-size study). */
    static List<ExamRecord> subset(List<ExamRecord> exams, double fraction, long seed) {
        if (fraction >= 1) {
            return exams;
        }
        List<String> patients = new ArrayList<>(exams.stream().map(ExamRecord::patientId).distinct().sorted().toList());
        Collections.shuffle(patients, new Random(seed));
        Set<String> kept = new HashSet<>(patients.subList(0, (int) Math.ceil(fraction * patients.size())));
        return exams.stream().filter(e -> kept.contains(e.patientId())).toList();
    }
}
