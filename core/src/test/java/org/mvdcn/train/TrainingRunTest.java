package org.mvdcn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.within;

import java.util.function.BooleanSupplier;
import org.mvdcn.BadInputException;
import org.mvdcn.TestData;
import org.mvdcn.UsageException;
import org.mvdcn.eval.EvaluationFile;
import org.mvdcn.eval.EvaluationReport;
import org.mvdcn.io.Sha256;
import org.mvdcn.model.WeightInit;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.weights.ModelFile;
import org.mvdcn.synth.CohortGenerator;
import org.mvdcn.weights.StoredTensor;
import org.mvdcn.weights.WeightsFile;

class TrainingRunTest {

    @TempDir
    static Path dir;

    static Path manifest;

    /** 40 patients at scale 0.05 (about 130 x 100): an epoch takes about a second. */
    static final TrainingOptions OPTIONS = TrainingOptions.builder().epochs(2).batch(4).learningRate(1e-3f).width(0.25).seed(9).build();
    static final Preprocessing CROP = Preprocessing.of(1, 120, 90);

    private static TrainingRun.Result start(Path manifestFile, Path run, TrainingOptions options, BooleanSupplier stop)
            throws Exception {
        return TrainingRun.start(manifestFile, run, options, CROP, Device.cpu(), p -> { }, l -> { }, stop);
    }

    @BeforeAll
    static void cohort() throws Exception {
        manifest = CohortGenerator.generate(dir.resolve("cohort"), new CohortGenerator.Options(40, 0.05, 8, 0.1, 0.1), (d, total) -> { })
                .manifest();
    }

    /** Every tensor of a weights or checkpoint file, by name. */
    static Map<String, float[]> tensors(Path file) {
        Map<String, float[]> out = new HashMap<>();
        for (StoredTensor t : WeightsFile.read(file)) {
            out.put(t.name(), t.floats());
        }
        return out;
    }

    /** The two runs' checkpoints hold the same tensors, equal but for float rounding: the same path taken twice. */
    static void assertSameCheckpoint(Path expected, Path actual) {
        Map<String, float[]> x = tensors(new RunFolder(expected).checkpoint());
        Map<String, float[]> y = tensors(new RunFolder(actual).checkpoint());
        assertThat(y.keySet()).isEqualTo(x.keySet());
        for (String name : x.keySet()) {
            float[] p = x.get(name);
            float[] q = y.get(name);
            for (int i = 0; i < p.length; i++) {
                assertThat(q[i]).as("%s[%d]", name, i).isCloseTo(p[i], within(1e-5f + 1e-4f * Math.abs(p[i])));
            }
        }
    }

    @Test
    void aRunStoppedMidEpochResumesOntoTheSamePath() throws Exception {
        Path straight = dir.resolve("straight");
        TrainingRun.Result a = start(manifest, straight, OPTIONS, () -> false);
        assertThat(a.history()).hasSize(2);

        // stop three batches into epoch 2 (as Ctrl-C does): a checkpoint of the unfinished epoch is written
        Path stopped = dir.resolve("stopped");
        AtomicInteger batches = new AtomicInteger();
        AtomicInteger epochOfCall = new AtomicInteger();
        assertThatThrownBy(() -> TrainingRun.start(manifest, stopped, OPTIONS, CROP, Device.cpu(), p -> epochOfCall.set(p.epoch()), l -> { },
                () -> epochOfCall.get() == 2 && batches.incrementAndGet() >= 3))
                .isInstanceOf(TrainingRun.Stopped.class)
                .hasMessageContaining("continue with --resume");
        CheckpointState saved = Checkpoint.readState(new RunFolder(stopped));
        assertThat(saved.epoch()).isEqualTo(1);
        assertThat(saved.partial().epoch()).isEqualTo(2);
        assertThat(saved.partial().batches()).isEqualTo(3);
        assertThat(saved.partial().exams()).isEqualTo(12);
        TrainingRun.Result b = TrainingRun.resume(stopped, null, Device.cpu(), p -> { }, l -> { }, () -> false);
        assertThat(b.history()).hasSize(2);
        assertThat(b.history().get(1).trainLoss()).isCloseTo(a.history().get(1).trainLoss(), within(1e-5));

        assertThat(tensors(new RunFolder(stopped).checkpoint())).containsKeys("adam.m.fc1.weight", "meta.epoch");
        assertSameCheckpoint(straight, stopped);
    }

    @Test
    void aBatchNormalisedRunResumesOntoTheSamePathAndItsModelFileHasThePapersLayout() throws Exception {
        TrainingOptions normalised = OPTIONS.toBuilder().batchNorm(true).build();
        Path straight = dir.resolve("bn-straight");
        start(manifest, straight, normalised, () -> false);
        Path stopped = dir.resolve("bn-stopped");
        AtomicInteger batches = new AtomicInteger();
        assertThatThrownBy(() -> start(manifest, stopped, normalised, () -> batches.incrementAndGet() > 12))
                .isInstanceOf(TrainingRun.Stopped.class);
        TrainingRun.resume(stopped, null, Device.cpu(), p -> { }, l -> { }, () -> false);
        // the running moments and gamma's and beta's Adam moments travel in the checkpoint, and resume onto the same path
        assertThat(tensors(new RunFolder(stopped).checkpoint())).containsKeys("_conv_layer_ls.0.cc.bn.running_var",
                "_conv_layer_ls.3.mlo.bn.running_mean", "adam.m._conv_layer_ls.0.mlo.bn.weight", "adam.v._conv_layer_ls.2.cc.bn.bias");
        assertSameCheckpoint(straight, stopped);
        // the model file holds the convolutions with the normalisation folded in, under the reference's names only
        RunFolder run = new RunFolder(straight);
        Map<String, float[]> best = tensors(run.best());
        assertThat(best.keySet()).noneMatch(name -> name.contains("bn")).contains("_conv_layer_ls.0.cc.weight", "fc2.bias");
        assertThat(ModelFile.read(run.best()).width()).isEqualTo(0.25);
        RunRecord record = RunRecord.read(run);
        assertThat(record.options()).isEqualTo(normalised);
        assertThat(Files.readString(run.dir().resolve(ModelCard.FILE))).contains("Batch normalisation after each convolution while training");
        // the steps after training read that file into the plain network (calibration scores the validation exams with it)
        assertThat(record.calibration()).isNotNull();
    }

    @Test
    void aLongRunHoldsNoMoreNativeArraysAfterItsFirstEpoch() throws Exception {
        // batches of one: 5 epochs of about 30 exams is some 150 optimiser steps (and 5 validations)
        TrainingOptions oneByOne = TrainingOptions.builder().epochs(5).batch(1).learningRate(1e-3f).width(0.125).seed(4).build();
        TrainingRun.Result r = start(manifest, dir.resolve("leak"), oneByOne, () -> false);
        int afterFirst = r.history().get(0).nativeArrays();
        // the parameters, Adam's two moments per parameter, and nothing per step
        int parameters = 4 * new org.mvdcn.model.NetworkConfig(120, 90, 0.125, 0, 0).columnLayout().convs().size() + 4;
        assertThat(afterFirst).isEqualTo(3 * parameters);
        for (EpochRecord e : r.history()) {
            assertThat(e.nativeArrays()).as("native arrays after epoch %d", e.epoch()).isEqualTo(afterFirst);
            assertThat(e.residentMib()).as("resident MiB after epoch %d", e.epoch()).isGreaterThan(50);
        }
    }

    @Test
    void aNarrowNetworkLearnsWellAboveChanceOnAnEasySyntheticCohort() throws Exception {
        // 200 patients at 1/10 scale with findings 8x brighter, about 30 s. The recipe that learns
        // reliably (docs/training.md): under the paper's Glorot start, whether a network leaves the
        // label prior within 6 epochs is the seed's luck (seed 3: still at 0.63 in epoch 6).
        // With it, tried on 2026-12-06 for cohort seed / training seed 5/1, 5/2, 5/4, 5/5, 6/3 and 7/3
        // (and this test's 5/3): the best validation macAUC was 0.82 to 0.92 (the validation split holds
        // about 50 exams, and 0.85, asked here before, held by the cohort's luck: cohort 6 reached
        // 0.818), and the last epoch's training loss was 0.30 to 0.41 of the first's. The bounds
        // below hold for all of them with room.
        Path easy = CohortGenerator.generate(dir.resolve("easy"), new CohortGenerator.Options(200, 0.1, 5, 0.0, 0.08, 8.0),
                (d, total) -> { }).manifest();
        TrainingOptions options = TrainingOptions.builder().epochs(6).batch(8).learningRate(2e-3f).width(0.5).seed(3).threads(2)
                .init(WeightInit.LSUV).warmupSteps(30).schedule(LearningRateSchedule.Decay.COSINE).build();
        TrainingRun.Result r = TrainingRun.start(easy, dir.resolve("learns"), options, Preprocessing.of(1, 260, 200), Device.cpu(), p -> { },
                l -> { }, () -> false);
        assertThat(r.bestValidationMacAuc()).as("best validation macAUC (chance: 0.5)").isGreaterThan(0.75);
        assertThat(r.history().get(r.history().size() - 1).trainLoss()).as("the last epoch's training loss")
                .isLessThan(0.6 * r.history().get(0).trainLoss());
    }

    @Test
    void smallerTrainingFractionsAreNestedSubsetsOfPatients() throws Exception {
        var exams = org.mvdcn.data.Manifest.load(manifest, true).exams();
        java.util.Set<String> previous = java.util.Set.of();
        for (double f : new double[] {0.1, 0.2, 0.5, 1.0}) {
            java.util.Set<String> patients = new java.util.HashSet<>();
            TrainingExams.subset(exams, f, 7).forEach(e -> patients.add(e.patientId()));
            assertThat(patients).containsAll(previous).hasSize((int) Math.ceil(f * 40));
            previous = patients;
        }
    }

    @Test
    void aRunLeavesItsModelCurveMetricsAndProvenance() throws Exception {
        Path dirOfRun = dir.resolve("artifacts");
        RunFolder run = new RunFolder(dirOfRun);
        TrainingRun.Result r = start(manifest, dirOfRun, OPTIONS, () -> false);
        assertThat(Files.readAllLines(run.metrics())).hasSize(2);
        assertThat(ImageIO.read(run.curve().toFile()).getWidth()).isEqualTo(800);
        RunRecord record = RunRecord.read(run);
        assertThat(record.manifest().sha256()).isEqualTo(Sha256.of(manifest)).hasSize(64);
        assertThat(record.options()).isEqualTo(OPTIONS);
        assertThat(record.preprocessing()).isEqualTo(CROP);
        assertThat(record.bestEpoch()).isEqualTo(r.bestEpoch()).isBetween(1, 2);
        assertThat(record.versions().engine()).startsWith("PyTorch");
        // the best model carries its width and preprocessing: a weights file is all predict needs
        ModelFile best = ModelFile.read(run.best());
        assertThat(best.width()).isEqualTo(0.25);
        assertThat(best.preprocessing()).isEqualTo(CROP);
        assertThat(best.calibration()).isNotNull().isEqualTo(record.calibration());
        assertThatThrownBy(() -> start(manifest, dirOfRun, OPTIONS, () -> false))
                .isInstanceOf(BadInputException.class).hasMessageContaining("already holds a run");

        // a finished run extended to 3 epochs continues onto the path of a straight 3-epoch run
        TrainingRun.Result extended = TrainingRun.resume(dirOfRun, 3, Device.cpu(), p -> { }, l -> { }, () -> false);
        TrainingRun.Result straight = start(manifest, dir.resolve("three"), OPTIONS.toBuilder().epochs(3).build(), () -> false);
        assertThat(extended.history()).hasSize(3);
        assertThat(extended.history().get(2).trainLoss()).isCloseTo(straight.history().get(2).trainLoss(), within(1e-5));
        assertThat(Files.readAllLines(run.metrics())).hasSize(3);
        RunRecord after = RunRecord.read(run);
        assertThat(after.options().optimisation().epochs()).isEqualTo(3);
        assertThat(after.extended()).isNotNull();
        assertThat(after.bestEpoch()).isEqualTo(extended.bestEpoch());
        assertThat(after.calibration()).as("fitted again at the extension's end").isNotNull()
                .isEqualTo(ModelFile.read(run.best()).calibration());
        assertThatThrownBy(() -> TrainingRun.resume(dirOfRun, 3, Device.cpu(), p -> { }, l -> { }, () -> false)).isInstanceOf(UsageException.class)
                .hasMessageContaining("has trained 3 epochs already");
    }

    @Test
    void optimisationChoicesAreRecordedAndTheLayerStatisticsSurviveAStopAndResume() throws Exception {
        TrainingOptions options = OPTIONS.toBuilder().init(WeightInit.HE).warmupSteps(3).schedule(LearningRateSchedule.Decay.COSINE)
                .clipGradNorm(1.0).layerStatsEvery(3).build();
        Path straight = dir.resolve("he-straight");
        start(manifest, straight, options, () -> false);
        RunRecord record = RunRecord.read(new RunFolder(straight));
        assertThat(record.options()).isEqualTo(options);
        assertThat(Files.readString(new RunFolder(straight).record())).contains("\"init\" : \"he\"", "\"schedule\" : \"cosine\"",
                "\"warmupSteps\" : 3", "\"clipGradNorm\" : 1.0", "\"layerStatsEvery\" : 3");
        assertThat(Files.readString(straight.resolve("model-card.md")))
                .contains("- he init, 3-step warm-up, cosine rate, gradient norm clipped at 1.0\n");
        List<LayerStats.Row> rows = LayerStatsLog.read(new RunFolder(straight).layerStats());
        int perEpoch = (int) Math.ceil(TrainingExams.of(org.mvdcn.data.Manifest.load(manifest, false),
                org.mvdcn.data.SplitAssignment.read(new RunFolder(straight).split()), options).train().size() / 4.0);
        assertThat(rows).extracting(LayerStats.Row::step).containsOnly(
                java.util.stream.LongStream.iterate(0, k -> k < 2L * perEpoch, k -> k + 3).boxed().toArray(Long[]::new));
        assertThat(rows).filteredOn(r -> r.step() == 0).extracting(LayerStats.Row::layer)
                .contains("cc.conv1", "mlo.conv1", "features", "fc1", "logits");
        assertThat(rows).filteredOn(r -> r.layer().equals("cc.conv1"))
                .allSatisfy(r -> assertThat(r.gradNorm()).isPositive().isFinite());
        assertThat(ImageIO.read(new RunFolder(straight).layerStatsFigure().toFile()).getHeight()).isEqualTo(900);

        // stopped in epoch 2 and resumed: the measurements after the checkpoint are taken once, as in the straight run
        Path stopped = dir.resolve("he-stopped");
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger epochOfCall = new AtomicInteger();
        assertThatThrownBy(() -> TrainingRun.start(manifest, stopped, options, CROP, Device.cpu(), p -> epochOfCall.set(p.epoch()),
                l -> { }, () -> epochOfCall.get() == 2 && calls.incrementAndGet() >= 2)).isInstanceOf(TrainingRun.Stopped.class);
        TrainingRun.resume(stopped, null, Device.cpu(), p -> { }, l -> { }, () -> false);
        List<LayerStats.Row> resumed = LayerStatsLog.read(new RunFolder(stopped).layerStats());
        assertThat(resumed).extracting(LayerStats.Row::step, LayerStats.Row::layer)
                .containsExactlyElementsOf(rows.stream().map(r -> org.assertj.core.groups.Tuple.tuple(r.step(), r.layer())).toList());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(resumed.get(i).std()).as("%s at step %d", rows.get(i).layer(), rows.get(i).step())
                    .isCloseTo(rows.get(i).std(), within(1e-4 + 1e-3 * Math.abs(rows.get(i).std())));
        }
    }

    @Test
    void aRunWrittenBeforeThePreprocessingHadItsOwnEntryReadsTyped() throws Exception {
        RunFolder old = new RunFolder(TestData.resource("runs/written-by-0.1.0/run.json").getParent());
        RunRecord record = RunRecord.read(old);
        // its crop and down-scaling sat among the options; DICOM was read as stored by default
        assertThat(record.preprocessing()).isEqualTo(Preprocessing.of(1, 130, 100));
        assertThat(record.options()).as("grouped; what was written before a choice existed is the paper's")
                .isEqualTo(TrainingOptions.builder().epochs(2).width(0.125).seed(5).build());
        assertThat(record.bestEpoch()).isEqualTo(1);
        assertThat(record.bestValidationMacAuc()).isCloseTo(0.3623, within(1e-4));
        CheckpointState state = Checkpoint.readState(old);
        assertThat(state.epoch()).isEqualTo(2);
        assertThat(state.steps()).isEqualTo(110);
        assertThat(state.partial()).isNull();
        assertThat(state.history()).extracting(EpochRecord::epoch).containsExactly(1, 2);
        EvaluationReport evaluation = EvaluationFile.read(old.evaluation().resolve(EvaluationFile.NAME));
        assertThat(evaluation.exams()).isEqualTo(15);
        assertThat(evaluation.macAuc()).isCloseTo(0.5773, within(1e-4));
        assertThat(evaluation.hcMacAuc()).isNaN();
        assertThat(evaluation.confident().get(0).entropyCutoffs()).as("its one pooled cut-off, for every class")
                .containsExactly(1.097437952537448, 1.097437952537448, 1.097437952537448);
        // its model has no metadata: the width comes from the shapes, the preprocessing from the run
        ModelFile best = ModelFile.read(old.best());
        assertThat(best.width()).isEqualTo(0.125);
        assertThat(best.preprocessing()).isNull();
    }
}
