package org.mvdcn.train;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.mvdcn.BadInputException;
import org.mvdcn.MvdcnVersion;
import org.mvdcn.assess.TrainingAcquisition;
import org.mvdcn.calibration.Calibration;
import org.mvdcn.ood.OodRecord;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.Split;
import org.mvdcn.data.SplitAssignment;
import org.mvdcn.io.AtomicFiles;
import org.mvdcn.io.Sha256;
import org.mvdcn.preprocess.Preprocessing;

/**
 * {@code run.json}: what made a model, generated from the run's own inputs, never written by
 * hand: the manifest (path and SHA-256), the split, every option, the preprocessing, the versions
 * of mvdcn, DJL, libtorch and Java, when finished the best epoch and its validation macAUC, and then
 * what the {@link PostTrainingStep}s measured of the best model (its calibration, its training features' distribution, the
 * training exams' equipment and pixel spacing),
 * and for a fine-tuned model the SHA-256 of the weights it started from and the layers kept frozen.
 * This class alone writes and reads the file; it also reads the records of runs made before the
 * options were grouped ({@link FlatTrainingOptions}) and before the preprocessing had its own entry
 * (their crop and down-scaling sat among the options).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRecord(String tool, String created, ManifestEntry manifest, SplitEntry split, TrainingOptions options,
        Preprocessing preprocessing, long seed, @JsonProperty("from_weights") StartingWeights fromWeights, Versions versions,
        @JsonProperty("best_epoch") Integer bestEpoch,
        @JsonProperty("best_validation_macAUC") Double bestValidationMacAuc, @JsonProperty("best_model") String bestModel,
        String finished, String extended, Calibration calibration, OodRecord ood, TrainingAcquisition acquisition) {

    /** The manifest a run was trained on. */
    public record ManifestEntry(String path, String sha256, @JsonProperty("exams_kept") int examsKept,
            @JsonProperty("exams_excluded") int examsExcluded) {}

    /** Exams per split, as used. */
    public record SplitEntry(String file, @JsonProperty("train_exams_used") int train, @JsonProperty("val_exams_used") int validation,
            @JsonProperty("test_exams_used") int test) {}

    public record Versions(String mvdcn, String djl, String engine, String java) {}

    /** The weights a fine-tuned run started from ({@code options.initialisation.from}) and the convolutions it kept as loaded, in both columns. */
    public record StartingWeights(String sha256, @JsonProperty("frozen_layers") List<String> frozenLayers) {}

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** The manifest's path. */
    public Path manifestPath() {
        return Path.of(manifest.path());
    }

    /** The record of a run starting now; {@code fromWeights} null unless it fine-tunes. */
    static RunRecord start(Path manifestFile, Manifest m, SplitAssignment split, TrainingOptions options,
            Preprocessing preprocessing, StartingWeights fromWeights) throws IOException {
        return new RunRecord("mvdcn train", Instant.now().toString(),
                new ManifestEntry(manifestFile.toAbsolutePath().normalize().toString(), Sha256.of(manifestFile), m.exams().size(),
                        m.excluded().size()),
                new SplitEntry("split.csv", split.select(m.exams(), Split.TRAIN).size(), split.select(m.exams(), Split.VALIDATION).size(),
                        split.select(m.exams(), Split.TEST).size()),
                options, preprocessing, options.run().seed(), fromWeights,
                new Versions(MvdcnVersion.get(), Engine.getDjlVersion(),
                        Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion(), System.getProperty("java.version")),
                null, null, null, null, null, null, null, null);
    }

    /** The outcome added; what was measured of an earlier best model is gone until the steps after training run. */
    RunRecord finish(int epoch, double macAuc, String model) {
        return new RunRecord(tool, created, manifest, split, options, preprocessing, seed, fromWeights, versions, epoch, macAuc, model,
                Instant.now().toString(), extended, null, null, null);
    }

    /** A new epoch budget; the outcome is cleared until the run finishes again. */
    RunRecord extend(TrainingOptions longer) {
        return new RunRecord(tool, created, manifest, split, longer, preprocessing, seed, fromWeights, versions, null, null, null, null,
                Instant.now().toString(), null, null, null);
    }

    /** The best model's calibration added. */
    RunRecord withCalibration(Calibration fitted) {
        return new RunRecord(tool, created, manifest, split, options, preprocessing, seed, fromWeights, versions, bestEpoch,
                bestValidationMacAuc, bestModel, finished, extended, fitted, ood, acquisition);
    }

    /** The best model's feature distribution (its summary) added. */
    RunRecord withOod(OodRecord fitted) {
        return new RunRecord(tool, created, manifest, split, options, preprocessing, seed, fromWeights, versions, bestEpoch,
                bestValidationMacAuc, bestModel, finished, extended, calibration, fitted, acquisition);
    }

    /** The training exams' equipment and pixel spacing added. */
    RunRecord withAcquisition(TrainingAcquisition recorded) {
        return new RunRecord(tool, created, manifest, split, options, preprocessing, seed, fromWeights, versions, bestEpoch,
                bestValidationMacAuc, bestModel, finished, extended, calibration, ood, recorded);
    }

    @JsonIgnore // a getter Jackson would write over the "finished" time
    public boolean isFinished() {
        return bestEpoch != null;
    }

    void write(RunFolder run) throws IOException {
        AtomicFiles.writeString(run.record(), JSON.writeValueAsString(this));
    }

    public static RunRecord read(RunFolder run) {
        Path file = run.record();
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
            JsonNode o = root.path("options");
            if (o.isObject() && !o.has("data")) {
                root.set("options", JSON.valueToTree(FlatTrainingOptions.grouped(o)));
            }
            if (!root.hasNonNull("preprocessing")) {
                // a run recorded before its record had a preprocessing section: crop and down-scaling among the options, DICOM read as stored unless a flag said otherwise
                int downscale = o.path("downscale").asInt(1);
                root.set("preprocessing", JSON.valueToTree(Preprocessing.of(downscale, o.path("cropHeight").asInt(2600),
                        o.path("cropWidth").asInt(2000))));
            }
            return JSON.treeToValue(root, RunRecord.class);
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw new BadInputException(file, "no readable run record (" + e.getMessage() + ")", e);
        }
    }

    /** Refuses to continue a run whose manifest changed since it started. */
    void checkManifest() throws IOException {
        String now = Sha256.of(manifestPath());
        if (!now.equals(manifest.sha256())) {
            throw new BadInputException(manifestPath(), "changed since the run started (SHA-256 " + now + ", recorded "
                    + manifest.sha256() + ")");
        }
    }
}
