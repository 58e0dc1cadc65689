package org.mvdcn.train;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.HexFormat;
import org.mvdcn.BadInputException;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.Split;
import org.mvdcn.data.SplitAssignment;
import org.mvdcn.io.AtomicFiles;

/**
 * {@code run.json}: what made a model, generated from the run's own inputs, never written by
 * hand: the manifest (path and SHA-256), the split, every option, the seed, the versions of
 * mvdcn, DJL, libtorch and Java, and when finished the best epoch and its validation macAUC.
 */
public final class RunRecord {

    public static final String FILE = "run.json";
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** What resuming needs back. */
    public record Read(Path manifest, String manifestSha256, TrainingOptions options) {}

    private RunRecord() {}

    static void write(Path run, Path manifest, TrainingOptions options, SplitAssignment split, Manifest m, Integer bestEpoch)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("tool", "mvdcn train");
        root.put("created", Instant.now().toString());
        ObjectNode data = root.putObject("manifest");
        data.put("path", manifest.toAbsolutePath().normalize().toString());
        data.put("sha256", sha256(manifest));
        data.put("exams_kept", m.exams().size());
        data.put("exams_excluded", m.excluded().size());
        ObjectNode splits = root.putObject("split");
        splits.put("file", TrainingRun.SPLIT);
        for (Split s : Split.values()) {
            splits.put(s.label() + "_exams_used", split.select(m.exams(), s).size());
        }
        root.set("options", JSON.valueToTree(options));
        root.put("seed", options.seed());
        ObjectNode versions = root.putObject("versions");
        versions.put("mvdcn", RunRecord.class.getPackage().getImplementationVersion() == null ? "0.1.0-SNAPSHOT"
                : RunRecord.class.getPackage().getImplementationVersion());
        versions.put("djl", Engine.getDjlVersion());
        versions.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        versions.put("java", System.getProperty("java.version"));
        AtomicFiles.writeString(run.resolve(FILE), JSON.writeValueAsString(root));
    }

    /** Adds the outcome to the record. */
    static void finish(Path run, int bestEpoch, double bestValidationMacAuc) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(run.resolve(FILE).toFile());
        root.put("best_epoch", bestEpoch);
        root.put("best_validation_macAUC", bestValidationMacAuc);
        root.put("best_model", TrainingRun.BEST);
        root.put("finished", Instant.now().toString());
        AtomicFiles.writeString(run.resolve(FILE), JSON.writeValueAsString(root));
    }

    /** Records a new epoch budget for a run being extended; its outcome is cleared until it finishes again. */
    static void extend(Path run, TrainingOptions options) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(run.resolve(FILE).toFile());
        root.set("options", JSON.valueToTree(options));
        root.remove(List.of("best_epoch", "best_validation_macAUC", "best_model", "finished"));
        root.put("extended", Instant.now().toString());
        AtomicFiles.writeString(run.resolve(FILE), JSON.writeValueAsString(root));
    }

    public static Read read(Path run) {
        Path file = run.resolve(FILE);
        try {
            JsonNode root = JSON.readTree(file.toFile());
            return new Read(Path.of(root.path("manifest").path("path").asText()), root.path("manifest").path("sha256").asText(),
                    JSON.treeToValue(root.path("options"), TrainingOptions.class));
        } catch (IOException e) {
            throw new BadInputException(file, "no readable run record (" + e.getMessage() + ")", e);
        }
    }

    /** Refuses to continue a run whose manifest changed since it started. */
    static void checkManifest(Read record) throws IOException {
        String now = sha256(record.manifest());
        if (!now.equals(record.manifestSha256())) {
            throw new BadInputException(record.manifest(), "changed since the run started (SHA-256 " + now + ", recorded "
                    + record.manifestSha256() + ")");
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
