package org.mvdcn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.mvdcn.BadInputException;
import org.mvdcn.data.ExamBatch;
import org.mvdcn.data.ExamLoader;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.LoaderConfig;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.Split;
import org.mvdcn.data.SplitAssignment;
import org.mvdcn.eval.ClassificationMetrics;
import org.mvdcn.eval.ModelEvaluation;
import org.mvdcn.io.AtomicFiles;
import org.mvdcn.io.ProcessMemory;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.predict.DatasetPredictor;
import org.mvdcn.weights.NetworkWeights;
import org.mvdcn.weights.StoredTensor;
import org.mvdcn.weights.WeightsFile;

/**
 * Trains the multi-view network as the paper did (SPEC section 4): Adam on mini-batches of
 * exams with input noise and dropout, validation macAUC after every epoch, the best-validation
 * model kept as {@code best.safetensors}. After each epoch a checkpoint (weights, optimiser
 * state, epoch, history) is written atomically; every random choice derives from the seed and
 * the epoch, so a run killed at any point resumes from its last checkpoint onto the same path.
 */
public final class TrainingRun {

    public static final String BEST = "best.safetensors";
    public static final String CHECKPOINT = "checkpoint.safetensors";
    public static final String STATE = "checkpoint.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String CURVE = "training-curve.png";
    public static final String SPLIT = "split.csv";

    /**
     * How to evaluate a run's best model: its manifest, split, network shape and down-scaling, as
     * recorded, with crops and resamples drawn from the run's own seed (an evaluation the run can repeat).
     */
    public static ModelEvaluation.Setup evaluationSetup(Path run, int crops, int bootstrapRounds, int threads) {
        RunRecord.Read record = RunRecord.read(run);
        return evaluationSetup(run, record, crops, bootstrapRounds, record.options().seed(), threads);
    }

    /** The same with another seed for the crops and the bootstrap. */
    public static ModelEvaluation.Setup evaluationSetup(Path run, int crops, int bootstrapRounds, long seed, int threads) {
        return evaluationSetup(run, RunRecord.read(run), crops, bootstrapRounds, seed, threads);
    }

    private static ModelEvaluation.Setup evaluationSetup(Path run, RunRecord.Read record, int crops, int bootstrapRounds, long seed,
            int threads) {
        TrainingOptions o = record.options();
        return new ModelEvaluation.Setup(record.manifest(), SplitAssignment.read(run.resolve(SPLIT)), run.resolve(BEST),
                new NetworkConfig(o.cropHeight(), o.cropWidth(), o.width(), 0, 0), o.downscale(), crops, bootstrapRounds, seed,
                threads);
    }

    /** What the progress bar shows. */
    public record Progress(int epoch, int epochs, int exams, int examsInEpoch, double loss, double examsPerSecond,
            double etaSeconds) {}

    /** What a finished run reports. */
    public record Result(Path run, List<EpochRecord> history, int bestEpoch, double bestValidationMacAuc) {}

    /** The checkpoint's metadata, saved beside its tensors. */
    record State(int epoch, long steps, int bestEpoch, double bestValidationMacAuc, List<EpochRecord> history) {}

    private static final ObjectMapper JSON = RunRecord.JSON;

    private TrainingRun() {}

    /** Starts a run in {@code run} (which must not hold one yet). */
    public static Result start(Path manifest, Path run, TrainingOptions options, Consumer<Progress> progress,
            Consumer<String> log, BooleanSupplier cancelled) throws IOException {
        if (Files.exists(run.resolve(RunRecord.FILE))) {
            throw new BadInputException(run, "already holds a run; use --resume to continue it or choose another --out");
        }
        Files.createDirectories(run);
        Manifest m = Manifest.load(manifest, false);
        log.accept(m.summary());
        SplitAssignment split = SplitAssignment.assign(m.exams());
        split.write(run.resolve(SPLIT));
        RunRecord.write(run, manifest, options, split, m, null);
        return train(run, m, split, options, null, progress, log, cancelled);
    }

    /** Continues the run in {@code run} from its last checkpoint, with the options it was started with. */
    public static Result resume(Path run, Consumer<Progress> progress, Consumer<String> log, BooleanSupplier cancelled)
            throws IOException {
        return resume(run, null, progress, log, cancelled);
    }

    /**
     * Continues the run from its last checkpoint; with {@code totalEpochs}, trains on up to that many
     * epochs in all (a finished run is extended, its best model kept unless a later epoch beats it).
     */
    public static Result resume(Path run, Integer totalEpochs, Consumer<Progress> progress, Consumer<String> log,
            BooleanSupplier cancelled) throws IOException {
        RunRecord.Read record = RunRecord.read(run);
        Manifest m = Manifest.load(record.manifest(), false);
        RunRecord.checkManifest(record);
        SplitAssignment split = SplitAssignment.read(run.resolve(SPLIT));
        State state = Files.exists(run.resolve(STATE)) ? JSON.readValue(run.resolve(STATE).toFile(), State.class) : null;
        TrainingOptions options = record.options();
        if (totalEpochs != null) {
            int done = state == null ? 0 : state.epoch();
            if (totalEpochs <= done) {
                throw new IllegalArgumentException("the run has trained " + done + " epochs already; extend it to more than that");
            }
            options = options.withEpochs(totalEpochs);
            RunRecord.extend(run, options);
        }
        log.accept("resuming " + run + (state == null ? " from the start" : " after epoch " + state.epoch())
                + " (up to epoch " + options.epochs() + ")");
        return train(run, m, split, options, state, progress, log, cancelled);
    }

    private static Result train(Path run, Manifest manifest, SplitAssignment split, TrainingOptions o, State resumeFrom,
            Consumer<Progress> progress, Consumer<String> log, BooleanSupplier cancelled) throws IOException {
        List<ExamRecord> train = subset(split.selectLabelled(manifest.exams(), Split.TRAIN), o.fraction(), o.seed());
        List<ExamRecord> validation = split.selectLabelled(manifest.exams(), Split.VALIDATION);
        if (train.isEmpty() || validation.isEmpty()) {
            throw new BadInputException(manifest.file(), "needs labelled exams in both the training and the validation split"
                    + " (have " + train.size() + " and " + validation.size() + ")");
        }
        log.accept(String.format("training on %d exams, validating on %d", train.size(), validation.size()));
        NetworkConfig config = new NetworkConfig(o.cropHeight(), o.cropWidth(), o.width(), o.noiseStd(), o.dropout());
        // one configuration for both: the role (train or validation) decides order, image choice and crop noise
        LoaderConfig loading = new LoaderConfig(o.cropHeight(), o.cropWidth(), o.downscale(), o.batch(), o.threads(),
                Math.max(2 * o.batch(), 8), 1, o.skipBad(), o.seed());
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed((int) o.seed());
            MultiViewNetwork network = new MultiViewNetwork(config);
            network.initialize(manager);
            AdamOptimizer adam = new AdamOptimizer(network.referenceParameters(), o.learningRate(), manager);
            List<EpochRecord> history = new ArrayList<>();
            int firstEpoch = 1;
            int bestEpoch = 0;
            double best = Double.NEGATIVE_INFINITY;
            if (resumeFrom != null) {
                restore(run, network, adam, resumeFrom);
                history.addAll(resumeFrom.history());
                firstEpoch = resumeFrom.epoch() + 1;
                bestEpoch = resumeFrom.bestEpoch();
                best = resumeFrom.bestValidationMacAuc();
            }
            ParameterStore store = new ParameterStore(manager, false);
            for (int epoch = firstEpoch; epoch <= o.epochs(); epoch++) {
                long start = System.nanoTime();
                // dropout and input noise draw from libtorch's generator: reseeding per epoch makes a resumed epoch identical
                Engine.getInstance().setRandomSeed((int) (o.seed() * 1_000 + epoch));
                double lossSum = 0;
                int seen = 0;
                try (ExamLoader loader = new ExamLoader(train, Split.TRAIN, loading, epoch, log)) {
                    for (ExamBatch batch = loader.next(); batch != null; batch = loader.next()) {
                        if (cancelled.getAsBoolean()) {
                            throw new CancellationException("stopped in epoch " + epoch + "; the checkpoint of epoch "
                                    + (epoch - 1) + " is intact: continue with --resume " + run);
                        }
                        lossSum += step(network, store, adam, batch, manager) * batch.size();
                        seen += batch.size();
                        double elapsed = (System.nanoTime() - start) / 1e9;
                        double rate = seen / elapsed;
                        double remaining = (train.size() - seen) + (o.epochs() - epoch) * (double) train.size();
                        progress.accept(new Progress(epoch, o.epochs(), seen, train.size(), lossSum / seen, rate, remaining / rate));
                    }
                }
                DatasetPredictor.Predictions p = DatasetPredictor.predict(network, manager, validation, Split.VALIDATION,
                        loading, log);
                int[] labels = DatasetPredictor.labels(p);
                double[] aucs = ClassificationMetrics.perClassAuc(p.probabilities(), labels);
                double macAuc = (aucs[0] + aucs[1] + aucs[2]) / 3;
                double seconds = (System.nanoTime() - start) / 1e9;
                EpochRecord record = new EpochRecord(epoch, lossSum / Math.max(seen, 1), macAuc, aucs, seconds, seen / seconds,
                        ProcessMemory.residentMib(), manager.getManagedArrays().size());
                history.add(record);
                log.accept(String.format("epoch %d: loss %.4f, validation macAUC %.4f (AUC %.3f/%.3f/%.3f), %.1f s",
                        epoch, record.trainLoss(), macAuc, aucs[0], aucs[1], aucs[2], seconds));
                if (bestEpoch == 0 || macAuc > best) { // a NaN macAUC (a class absent) never beats a number
                    best = macAuc;
                    bestEpoch = epoch;
                    NetworkWeights.saveSafetensors(network, run.resolve(BEST));
                }
                saveCheckpoint(run, network, adam, new State(epoch, adam.steps(), bestEpoch, best, history));
                TrainingCurve.write(run.resolve(CURVE), history);
            }
            RunRecord.finish(run, bestEpoch, best);
            return new Result(run, history, bestEpoch, best);
        }
    }

    /** One optimisation step on a batch; returns the batch's mean cross-entropy. */
    private static double step(MultiViewNetwork network, ParameterStore store, AdamOptimizer adam, ExamBatch batch,
            NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDList inputs = batch.inputs(scope, 0);
            NDArray labels = batch.labels(scope);
            double loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = network.forward(store, inputs, true).singletonOrThrow();
                NDArray crossEntropy = logits.logSoftmax(1).mul(labels.oneHot(3)).sum(new int[] {1}).neg().mean();
                collector.backward(crossEntropy);
                loss = crossEntropy.getFloat();
            }
            adam.step();
            return loss;
        }
    }

    private static void saveCheckpoint(Path run, MultiViewNetwork network, AdamOptimizer adam, State state) throws IOException {
        try (NDManager scope = NDManager.newBaseManager(); NDList tensors = new NDList()) {
            network.referenceParameters().forEach((name, p) -> {
                NDArray copy = p.getArray().duplicate();
                copy.setName(name);
                tensors.add(copy);
            });
            tensors.addAll(adam.state());
            NDArray epoch = scope.create(new float[] {state.epoch()});
            epoch.setName("meta.epoch");
            tensors.add(epoch);
            // tensors first, then the metadata naming the same epoch: a crash between the two is caught on resume
            AtomicFiles.write(run.resolve(CHECKPOINT), out -> tensors.encode(out, NDList.Encoding.SAFETENSORS));
            AtomicFiles.writeString(run.resolve(STATE), JSON.writeValueAsString(state));
        }
        StringBuilder lines = new StringBuilder();
        for (EpochRecord r : state.history()) {
            lines.append(new ObjectMapper().writeValueAsString(r)).append('\n');
        }
        AtomicFiles.writeString(run.resolve(METRICS), lines.toString());
    }

    private static void restore(Path run, MultiViewNetwork network, AdamOptimizer adam, State state) {
        Path file = run.resolve(CHECKPOINT);
        Map<String, StoredTensor> weights = new HashMap<>();
        Map<String, float[]> optimiser = new HashMap<>();
        float savedEpoch = -1;
        for (StoredTensor t : WeightsFile.read(file)) {
            if (t.name().startsWith("adam.")) {
                optimiser.put(t.name(), t.floats());
            } else if (t.name().equals("meta.epoch")) {
                savedEpoch = t.floats()[0];
            } else {
                weights.put(t.name(), t);
            }
        }
        if (savedEpoch != state.epoch()) {
            throw new BadInputException(file, "checkpoint holds epoch " + (int) savedEpoch + " but " + STATE + " says "
                    + state.epoch() + " (interrupted while saving?)");
        }
        NetworkWeights.load(network, file, weights);
        adam.restore(optimiser, state.steps());
    }

    /** A seeded share of the training patients, with all their exams (the data-size study). */
    static List<ExamRecord> subset(List<ExamRecord> exams, double fraction, long seed) {
        if (fraction >= 1) {
            return exams;
        }
        List<String> patients = new ArrayList<>(exams.stream().map(ExamRecord::patientId).distinct().sorted().toList());
        Collections.shuffle(patients, new Random(seed));
        var kept = new java.util.HashSet<>(patients.subList(0, (int) Math.ceil(fraction * patients.size())));
        return exams.stream().filter(e -> kept.contains(e.patientId())).toList();
    }
}
