package org.mvdcn.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.mvdcn.BadInputException;
import org.mvdcn.MissingFileException;
import org.mvdcn.io.AtomicFiles;
import org.mvdcn.ood.ImageShift;

/**
 * A run's out-of-distribution check measured on shift families made from its test exams
 * ({@link ShiftDetection}): per family and shift seed, the AUROC, the share flagged and the median
 * score; the share of the unshifted test exams flagged. {@code mvdcn ood --shifts} keeps it in the
 * run as JSON; the model card and bench/RESULTS.md show it as {@link #markdown()}. The model file's
 * SHA-256 says which model was measured: a check refitted since, or a model trained further, makes
 * the figures another model's.
 *
 * @param date when it was measured (ISO-8601, UTC)
 * @param modelSha256 the measured model file's SHA-256
 * @param shiftSeeds the seeds each family was drawn with
 * @param exams the test exams each family was made from
 * @param threshold the check's threshold the shares are flagged at
 * @param falseAlarms the share of the unshifted test exams flagged
 * @param results one per family and shift seed
 */
public record ShiftReport(String date, @JsonProperty("model_sha256") String modelSha256,
        @JsonProperty("shift_seeds") List<Long> shiftSeeds, int exams, double threshold,
        @JsonProperty("false_alarms") double falseAlarms, List<ShiftDetection.Result> results) {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public ShiftReport {
        shiftSeeds = List.copyOf(shiftSeeds);
        results = List.copyOf(results);
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, JSON.writeValueAsString(this));
    }

    public static ShiftReport read(Path file) {
        try {
            return JSON.readValue(file.toFile(), ShiftReport.class);
        } catch (NoSuchFileException e) {
            throw new MissingFileException(file, "shift detection record");
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file, "no readable shift detection record (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The false alarms and a table with a row per family: its lowest AUROC, share flagged and
     * median score over the shift seeds, since detection has to hold whatever the seed drew.
     */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Measured %s on %d test exams, each family drawn with shift seeds %s. False alarms: %d of "
                + "the %d unshifted (in-distribution) test exams flagged (%.1f%%) at the threshold %.2f.%n%n", date, exams, seeds(), Math.round(falseAlarms
                * exams), exams, 100 * falseAlarms, threshold));
        md.append("| family | AUROC | flagged | median score |\n|---|---|---|---|\n");
        Map<ImageShift, List<ShiftDetection.Result>> byFamily = results.stream()
                .collect(Collectors.groupingBy(ShiftDetection.Result::shift, LinkedHashMap::new, Collectors.toList()));
        byFamily.forEach((shift, rows) -> md.append(String.format(Locale.ROOT, "| %s | %.3f | %.0f%% | %.1f |%n", shift.description(),
                rows.stream().mapToDouble(ShiftDetection.Result::auroc).min().orElseThrow(),
                100 * rows.stream().mapToDouble(ShiftDetection.Result::flagged).min().orElseThrow(),
                rows.stream().mapToDouble(ShiftDetection.Result::medianScore).min().orElseThrow())));
        md.append("\nEach family's lowest value over the seeds; AUROC of the score, shifted exams against the unshifted ones.\n");
        return md.toString();
    }

    private String seeds() {
        return shiftSeeds.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
