package org.mvdcn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.BadInputException;
import org.mvdcn.synth.CohortGenerator;
import org.mvdcn.weights.StoredTensor;
import org.mvdcn.weights.WeightsFile;

class TrainingRunTest {

    @TempDir
    static Path dir;

    static Path manifest;

    /** 40 patients at scale 0.05 (about 130 x 100): an epoch takes about a second. */
    static final TrainingOptions OPTIONS = new TrainingOptions(2, 4, 1e-3f, 0.25, 120, 90, 1, 1.0, 0.01f, 0.2f, 9, 1, false);

    @BeforeAll
    static void cohort() throws Exception {
        manifest = CohortGenerator.generate(dir.resolve("cohort"), new CohortGenerator.Options(40, 0.05, 8, 0.1, 0.1), (d, total) -> { })
                .manifest();
    }

    private static Map<String, float[]> tensors(Path file) {
        Map<String, float[]> out = new HashMap<>();
        for (StoredTensor t : WeightsFile.read(file)) {
            out.put(t.name(), t.floats());
        }
        return out;
    }

    @Test
    void aRunKilledMidEpochResumesOntoTheSamePath() throws Exception {
        Path straight = dir.resolve("straight");
        TrainingRun.Result a = TrainingRun.start(manifest, straight, OPTIONS, p -> { }, l -> { }, () -> false);
        assertThat(a.history()).hasSize(2);

        Path killed = dir.resolve("killed");
        AtomicInteger batches = new AtomicInteger();
        AtomicInteger epochOfCall = new AtomicInteger();
        // "kill" one batch into epoch 2: the loop is stopped before that batch's step
        assertThatThrownBy(() -> TrainingRun.start(manifest, killed, OPTIONS, p -> epochOfCall.set(p.epoch()), l -> { },
                () -> epochOfCall.get() == 2 && batches.incrementAndGet() > 1))
                .isInstanceOf(CancellationException.class)
                .hasMessageContaining("continue with --resume");
        assertThat(Files.readString(killed.resolve(TrainingRun.STATE))).contains("\"epoch\" : 1");
        TrainingRun.Result b = TrainingRun.resume(killed, p -> { }, l -> { }, () -> false);
        assertThat(b.history()).hasSize(2);
        assertThat(b.history().get(1).trainLoss()).isCloseTo(a.history().get(1).trainLoss(), org.assertj.core.api.Assertions.within(1e-5));

        Map<String, float[]> x = tensors(straight.resolve(TrainingRun.CHECKPOINT));
        Map<String, float[]> y = tensors(killed.resolve(TrainingRun.CHECKPOINT));
        assertThat(y.keySet()).isEqualTo(x.keySet()).contains("adam.m.fc1.weight", "meta.epoch");
        for (String name : x.keySet()) {
            float[] p = x.get(name);
            float[] q = y.get(name);
            for (int i = 0; i < p.length; i++) {
                assertThat(q[i]).as("%s[%d]", name, i).isCloseTo(p[i], org.assertj.core.api.Assertions.within(1e-5f + 1e-4f * Math.abs(p[i])));
            }
        }
    }

    @Test
    void aLongRunHoldsNoMoreNativeArraysAfterItsFirstEpoch() throws Exception {
        // batches of one: 5 epochs of about 30 exams is some 150 optimiser steps (and 5 validations)
        TrainingOptions oneByOne = new TrainingOptions(5, 1, 1e-3f, 0.125, 120, 90, 1, 1.0, 0.01f, 0.2f, 4, 1, false);
        TrainingRun.Result r = TrainingRun.start(manifest, dir.resolve("leak"), oneByOne, p -> { }, l -> { }, () -> false);
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
        // 200 patients at 1/10 scale with findings 8x brighter: learning takes off within a few epochs (about 30 s)
        Path easy = CohortGenerator.generate(dir.resolve("easy"), new CohortGenerator.Options(200, 0.1, 5, 0.0, 0.08, 8.0),
                (d, total) -> { }).manifest();
        TrainingOptions options = new TrainingOptions(6, 8, 2e-3f, 0.5, 260, 200, 1, 1.0, 0.01f, 0.2f, 3, 2, false);
        TrainingRun.Result r = TrainingRun.start(easy, dir.resolve("learns"), options, p -> { }, l -> { }, () -> false);
        assertThat(r.history().get(0).validationMacAuc()).isLessThan(0.7);
        assertThat(r.bestValidationMacAuc()).as("best validation macAUC").isGreaterThan(0.75);
        assertThat(r.history().get(r.history().size() - 1).trainLoss()).isLessThan(r.history().get(0).trainLoss() - 0.2);
    }

    @Test
    void smallerTrainingFractionsAreNestedSubsetsOfPatients() throws Exception {
        var exams = org.mvdcn.data.Manifest.load(manifest, true).exams();
        java.util.Set<String> previous = java.util.Set.of();
        for (double f : new double[] {0.1, 0.2, 0.5, 1.0}) {
            java.util.Set<String> patients = new java.util.HashSet<>();
            TrainingRun.subset(exams, f, 7).forEach(e -> patients.add(e.patientId()));
            assertThat(patients).containsAll(previous).hasSize((int) Math.ceil(f * 40));
            previous = patients;
        }
    }

    @Test
    void aRunLeavesItsModelCurveMetricsAndProvenance() throws Exception {
        Path run = dir.resolve("artifacts");
        TrainingRun.Result r = TrainingRun.start(manifest, run, OPTIONS, p -> { }, l -> { }, () -> false);
        assertThat(run.resolve(TrainingRun.BEST)).isRegularFile();
        assertThat(Files.readAllLines(run.resolve(TrainingRun.METRICS))).hasSize(2);
        assertThat(ImageIO.read(run.resolve(TrainingRun.CURVE).toFile()).getWidth()).isEqualTo(800);
        JsonNode record = RunRecord.JSON.readTree(run.resolve(RunRecord.FILE).toFile());
        assertThat(record.path("manifest").path("sha256").asText()).isEqualTo(RunRecord.sha256(manifest)).hasSize(64);
        assertThat(record.path("options").path("learningRate").asDouble()).isEqualTo(1e-3, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(record.path("best_epoch").asInt()).isEqualTo(r.bestEpoch()).isBetween(1, 2);
        assertThat(record.path("versions").path("engine").asText()).startsWith("PyTorch");
        assertThatThrownBy(() -> TrainingRun.start(manifest, run, OPTIONS, p -> { }, l -> { }, () -> false))
                .isInstanceOf(BadInputException.class).hasMessageContaining("already holds a run");

        // a finished run extended to 3 epochs continues onto the path of a straight 3-epoch run
        TrainingRun.Result extended = TrainingRun.resume(run, 3, p -> { }, l -> { }, () -> false);
        TrainingRun.Result straight = TrainingRun.start(manifest, dir.resolve("three"), OPTIONS.withEpochs(3), p -> { }, l -> { },
                () -> false);
        assertThat(extended.history()).hasSize(3);
        assertThat(extended.history().get(2).trainLoss()).isCloseTo(straight.history().get(2).trainLoss(),
                org.assertj.core.api.Assertions.within(1e-5));
        assertThat(Files.readAllLines(run.resolve(TrainingRun.METRICS))).hasSize(3);
        JsonNode after = RunRecord.JSON.readTree(run.resolve(RunRecord.FILE).toFile());
        assertThat(after.path("options").path("epochs").asInt()).isEqualTo(3);
        assertThat(after.has("extended")).isTrue();
        assertThat(after.path("best_epoch").asInt()).isEqualTo(extended.bestEpoch());
        assertThatThrownBy(() -> TrainingRun.resume(run, 3, p -> { }, l -> { }, () -> false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has trained 3 epochs already");
    }
}
