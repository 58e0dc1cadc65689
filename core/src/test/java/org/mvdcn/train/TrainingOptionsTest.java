package org.mvdcn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.TestData;
import org.mvdcn.UsageException;
import org.mvdcn.model.OutputHead;
import org.mvdcn.model.WeightInit;

class TrainingOptionsTest {

    @TempDir
    Path dir;

    /** Every option away from the paper's value, each a different number, so that a value in the wrong place shows. */
    private static final TrainingOptions EVERY_OPTION_SET = TrainingOptions.builder().fraction(0.5).threads(3).skipBad(true)
            .epochs(7).batch(6).learningRate(2e-3f).warmupSteps(11).schedule(LearningRateSchedule.Decay.COSINE).clipGradNorm(1.5)
            .patience(4).noiseStd(0.05f).dropout(0.3f).width(0.25).init(WeightInit.LSUV).seed(17).layerStatsEvery(9).build();

    @Test
    void theDefaultsAreThePapersRecipe() {
        // SPEC sections 1 and 4: Adam at 1e-5 on batches of 4 exams for up to 100 epochs, input noise 0.01, dropout 0.2, Glorot
        TrainingOptions paper = TrainingOptions.paper();
        assertThat(paper.optimisation()).isEqualTo(new OptimisationOptions(100, 4, 1e-5f, 0, LearningRateSchedule.Decay.CONSTANT, 0, 0));
        assertThat(paper.regularisation()).isEqualTo(new RegularisationOptions(0.01f, 0.2f, false));
        assertThat(paper.initialisation()).isEqualTo(new InitialisationOptions(1, OutputHead.EXAM, WeightInit.GLOROT, null, null));
        assertThat(paper.data()).isEqualTo(new DataOptions(1, 1, false));
        assertThat(paper.run()).isEqualTo(new RunOptions(1, 0));
        assertThat(paper.initialisation().describe() + ", " + paper.optimisation().describe()).isEqualTo("glorot init, constant rate");
    }

    @Test
    void aCopyKeepsEveryOptionAndTheRecordWritesThemInGroups() throws Exception {
        assertThat(EVERY_OPTION_SET.toBuilder().build()).isEqualTo(EVERY_OPTION_SET);
        JsonNode json = RunRecord.JSON.valueToTree(EVERY_OPTION_SET);
        assertThat(json.fieldNames()).toIterable().containsExactly("data", "optimisation", "regularisation", "initialisation", "run");
        assertThat(json.path("optimisation").path("schedule").asText()).isEqualTo("cosine");
        assertThat(json.path("initialisation").has("from")).as("absent unless fine-tuning").isFalse();
        assertThat(RunRecord.JSON.treeToValue(json, TrainingOptions.class)).isEqualTo(EVERY_OPTION_SET);
    }

    @Test
    void aRunRecordWithTheFlatOptionsReadsGrouped() {
        // run.json of a demo run, written before the options were grouped
        RunRecord record = RunRecord.read(new RunFolder(TestData.resource("runs/flat-options/run.json").getParent()));
        assertThat(record.options()).isEqualTo(TrainingOptions.builder().epochs(30).batch(8).learningRate(1e-3f).width(0.5).seed(2017)
                .build());
        assertThat(record.preprocessing().cropHeight()).isEqualTo(260);
        assertThat(record.bestEpoch()).isEqualTo(19);
        assertThat(record.calibration().temperature()).isCloseTo(0.9428, within(1e-4));
        assertThat(record.fromWeights()).isNull();
    }

    @Test
    void everyFlatOptionLandsInItsGroup() throws Exception {
        RunFolder run = new RunFolder(dir);
        // what the code before the grouping wrote for EVERY_OPTION_SET
        Files.writeString(run.record(), """
                {"tool": "mvdcn train", "created": "2026-12-01T00:00:00Z", "seed": 17,
                 "manifest": {"path": "/m.csv", "sha256": "00", "exams_kept": 1, "exams_excluded": 0},
                 "split": {"file": "split.csv", "train_exams_used": 1, "val_exams_used": 0, "test_exams_used": 0},
                 "options": {"epochs": 7, "batch": 6, "learningRate": 0.002, "width": 0.25, "fraction": 0.5, "noiseStd": 0.05,
                   "dropout": 0.3, "seed": 17, "threads": 3, "skipBad": true,
                   "optimisation": {"init": "lsuv", "warmupSteps": 11, "schedule": "cosine", "clipGradNorm": 1.5},
                   "layerStatsEvery": 9, "patience": 4},
                 "preprocessing": {"downscale": 1, "cropHeight": 260, "cropWidth": 200, "maxShift": 100, "dicomIntensity": "stored",
                   "padding": "background"}}
                """);
        assertThat(RunRecord.read(run).options()).isEqualTo(EVERY_OPTION_SET);
    }

    @Test
    void freezingNeedsWeightsToStartFrom() {
        assertThatThrownBy(() -> TrainingOptions.builder().freeze(FrozenLayers.parse("conv1..conv2")).build())
                .isInstanceOf(UsageException.class)
                .hasMessage("--freeze needs --from WEIGHTS: only loaded weights can be kept as they are");
        assertThatThrownBy(() -> TrainingOptions.builder().from(Path.of("w.safetensors")).init(WeightInit.HE).build())
                .isInstanceOf(UsageException.class)
                .hasMessage("--init he draws fresh weights and --from loads them: give one of the two");
        TrainingOptions fineTuning = TrainingOptions.builder().from(Path.of("w.safetensors")).freeze(FrozenLayers.parse("conv2")).build();
        assertThat(fineTuning.initialisation().from()).isEqualTo(Path.of("w.safetensors").toAbsolutePath().normalize().toString());
        assertThat(fineTuning.initialisation().describe()).endsWith("w.safetensors, conv1..conv2 frozen");
        assertThat(RunRecord.JSON.convertValue(RunRecord.JSON.valueToTree(fineTuning), TrainingOptions.class)).isEqualTo(fineTuning);
    }

    @Test
    void batchNormalisationIsKeptByACopyAndTheRecordAndExcludesLoadedOrRescaledStarts() {
        TrainingOptions normalised = TrainingOptions.builder().batchNorm(true).init(WeightInit.HE).width(0.5).build();
        assertThat(normalised.toBuilder().build()).isEqualTo(normalised);
        assertThat(RunRecord.JSON.convertValue(RunRecord.JSON.valueToTree(normalised), TrainingOptions.class)).isEqualTo(normalised);
        assertThatThrownBy(() -> TrainingOptions.builder().batchNorm(true).from(Path.of("w.safetensors")).build())
                .isInstanceOf(UsageException.class)
                .hasMessage("--batch-norm trains normalisation from a fresh start; --from loads weights without it: give one of the two");
        assertThatThrownBy(() -> TrainingOptions.builder().batchNorm(true).init(WeightInit.CENTRED).build())
                .isInstanceOf(UsageException.class)
                .hasMessage("--init centred scales the layers on a batch, which --batch-norm does at every step: give one of the two");
    }
}
