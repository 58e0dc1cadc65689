package org.mvdcn.eval;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.mvdcn.BadInputException;
import org.mvdcn.MissingFileException;
import org.mvdcn.io.AtomicFiles;

/**
 * {@code truth.csv}: each exam's drawn class beside its recorded label ({@code exam_id,
 * true_label, recorded_label}), the answer only a synthetic cohort has. The generator writes it and
 * evaluate reads it back, so what the recorded labels' disagreement costs is measured by mvdcn.
 */
public final class TruthFile {

    public static final String NAME = "truth.csv";
    private static final String[] HEADER = {"exam_id", "true_label", "recorded_label"};

    /** One exam's drawn class and recorded label. */
    public record Row(String examId, int trueLabel, int recordedLabel) {}

    /** Each exam's drawn class, by exam id, and the file it came from (for the messages). */
    public record Drawn(Path file, Map<String, Integer> classes) {

        /** The same predictions with each exam's drawn class in place of its recorded label; every exam must have one. */
        public PredictionsFile.ScoredExams relabel(PredictionsFile.ScoredExams scored) {
            int[] drawn = new int[scored.exams()];
            for (int i = 0; i < drawn.length; i++) {
                Integer c = classes.get(scored.examIds().get(i));
                if (c == null) {
                    throw new BadInputException(file, "has no row for test exam " + scored.examIds().get(i)
                            + " (is it the truth of this manifest's cohort?)");
                }
                drawn[i] = c;
            }
            return new PredictionsFile.ScoredExams(scored.examIds(), scored.probabilities(), drawn);
        }
    }

    private TruthFile() {}

    /** The rows sorted by exam id. */
    public static void write(Path file, List<Row> rows) throws IOException {
        StringBuilder text = new StringBuilder(String.join(",", HEADER)).append('\n');
        rows.stream().sorted(Comparator.comparing(Row::examId))
                .forEach(r -> text.append(r.examId()).append(',').append(r.trueLabel()).append(',').append(r.recordedLabel()).append('\n'));
        AtomicFiles.writeString(file, text.toString());
    }

    public static Drawn read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MissingFileException(file, "truth");
        }
        Map<String, Integer> drawn = new HashMap<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                String exam = row.get(HEADER[0]);
                int label = Integer.parseInt(row.get(HEADER[1]));
                if (label < 0 || label >= ClassificationMetrics.CLASSES) {
                    throw new BadInputException(file, "row " + row.getRecordNumber() + ": true_label " + label + " is not a BI-RADS class 0..2");
                }
                if (drawn.put(exam, label) != null) {
                    throw new BadInputException(file, "exam " + exam + " appears twice");
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            // a missing column or an unparsable number: IllegalArgumentException, NumberFormatException among them
            throw new BadInputException(file, "unreadable truth (" + e.getMessage() + ")", e);
        }
        return new Drawn(file, Map.copyOf(drawn));
    }
}
