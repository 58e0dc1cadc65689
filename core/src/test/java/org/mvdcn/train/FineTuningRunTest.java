package org.mvdcn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.BadInputException;
import org.mvdcn.io.Sha256;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.synth.CohortGenerator;
import org.mvdcn.weights.NetworkWeights;

class FineTuningRunTest {

    @TempDir
    static Path dir;

    static Path manifest;
    static Path source;

    /** conv1, conv2a, conv2b and conv2c in both columns: the first four of the reference's convolutions. */
    private static boolean frozen(String name) {
        return name.matches("(adam\\.[mv]\\.)?_conv_layer_ls\\.[0-3]\\..*");
    }

    @BeforeAll
    static void cohortAndStartingWeights() throws Exception {
        manifest = CohortGenerator.generate(dir.resolve("cohort"), new CohortGenerator.Options(40, 0.05, 8, 0.1, 0.1), (d, total) -> { })
                .manifest();
        source = drawnWeights("start.safetensors", 21);
    }

    /** Glorot weights drawn from {@code seed} for the quarter-width network at the tests' crop. */
    private static Path drawnWeights(String name, int seed) throws Exception {
        Path file = dir.resolve(name);
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(seed);
            MultiViewNetwork network = new MultiViewNetwork(new NetworkConfig(120, 90, 0.25, 0, 0));
            network.initialize(manager);
            NetworkWeights.saveSafetensors(network, TrainingRunTest.CROP, file);
        }
        return file;
    }

    private static TrainingOptions fineTuning(Path weights) {
        return TrainingRunTest.OPTIONS.toBuilder().epochs(1).from(weights).freeze(FrozenLayers.parse("conv1..conv2")).build();
    }

    @Test
    void theFrozenLayersStayAsLoadedThroughAStopAndAResume() throws Exception {
        Path straight = dir.resolve("straight");
        TrainingRun.start(manifest, straight, fineTuning(source), TrainingRunTest.CROP, Device.cpu(), p -> { }, l -> { }, () -> false);
        RunRecord record = RunRecord.read(new RunFolder(straight));
        assertThat(record.fromWeights().sha256()).isEqualTo(Sha256.of(source));
        assertThat(record.fromWeights().frozenLayers()).containsExactly("conv1", "conv2a", "conv2b", "conv2c");
        assertThat(record.options().initialisation().from()).isEqualTo(source.toString());
        assertThat(Files.readString(straight.resolve(ModelCard.FILE)))
                .contains("- weights from " + source + ", conv1..conv2 frozen, constant rate\n")
                .contains("SHA-256 `" + Sha256.of(source) + "`; kept as loaded in both columns: conv1, conv2a, conv2b, conv2c\n");

        Map<String, float[]> start = TrainingRunTest.tensors(source);
        Map<String, float[]> trained = TrainingRunTest.tensors(new RunFolder(straight).checkpoint());
        assertThat(trained.keySet()).filteredOn(n -> n.startsWith("adam.")).isNotEmpty().noneMatch(FineTuningRunTest::frozen);
        for (String name : start.keySet()) {
            if (frozen(name)) {
                assertThat(trained.get(name)).as(name).containsExactly(start.get(name));
            } else {
                assertThat(trained.get(name)).as(name).isNotEqualTo(start.get(name));
            }
        }

        // stopped three batches in and resumed: the same path as the straight run
        Path stopped = dir.resolve("stopped");
        AtomicInteger batches = new AtomicInteger();
        assertThatThrownBy(() -> TrainingRun.start(manifest, stopped, fineTuning(source), TrainingRunTest.CROP, Device.cpu(), p -> { },
                l -> { }, () -> batches.incrementAndGet() >= 3)).isInstanceOf(TrainingRun.Stopped.class);
        TrainingRun.resume(stopped, null, Device.cpu(), p -> { }, l -> { }, () -> false);
        TrainingRunTest.assertSameCheckpoint(straight, stopped);
    }

    @Test
    void weightsThatDoNotFitOrThatChangedAreRefused() throws Exception {
        Path wide = dir.resolve("wide");
        assertThatThrownBy(() -> TrainingRun.start(manifest, wide, fineTuning(source).toBuilder().width(0.5).build(),
                TrainingRunTest.CROP, Device.cpu(), p -> { }, l -> { }, () -> false))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(source + ": weights do not fit the network")
                .hasMessageEndingWith("(the file's shapes show width 0.25: train with --width 0.25)");
        assertThat(wide).as("refused before the run folder is made").doesNotExist();

        // a run killed before its first checkpoint starts again from the file: it must be the file the run recorded
        Path copy = Files.copy(source, dir.resolve("copy.safetensors"));
        Path killed = dir.resolve("killed");
        assertThatThrownBy(() -> TrainingRun.start(manifest, killed, fineTuning(copy), TrainingRunTest.CROP, Device.cpu(), p -> { },
                l -> { }, () -> true)).isInstanceOf(TrainingRun.Stopped.class);
        for (Path checkpoint : List.of(new RunFolder(killed).checkpoint(), new RunFolder(killed).checkpointState())) {
            Files.delete(checkpoint);
        }
        Files.copy(drawnWeights("other.safetensors", 22), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> TrainingRun.resume(killed, null, Device.cpu(), p -> { }, l -> { }, () -> false))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(copy + ": changed since the run started (SHA-256 " + Sha256.of(copy) + ", recorded "
                        + Sha256.of(source) + ")");
    }
}
