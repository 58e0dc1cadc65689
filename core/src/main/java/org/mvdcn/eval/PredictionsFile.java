package org.mvdcn.eval;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.mvdcn.BadInputException;
import org.mvdcn.MissingFileException;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.io.AtomicFiles;
import org.mvdcn.predict.Assessment;

/**
 * {@code predictions.csv}: one row per scored test exam ({@code exam_id, patient_id, p_birads0..2,
 * entropy, label}), the probabilities the evaluation's numbers use, then what the checks said of
 * it ({@code ood_score} (empty when the model carries no out-of-distribution check), {@code assessed},
 * {@code checks}: the codes found, {@value Assessment#SEPARATOR}-separated). This class alone writes
 * and reads the file, so a study compares its settings exam by exam from what each evaluation left
 * behind; it reads the probabilities and labels, so files written before the checks' columns read as well.
 */
public final class PredictionsFile {

    private static final String[] HEADER = {"exam_id", "patient_id", "p_birads0", "p_birads1", "p_birads2", "entropy", "label",
        "ood_score", "assessed", "checks"};

    /** Test exams in file order, each with its probabilities and its true class. */
    public record ScoredExams(List<String> examIds, double[][] probabilities, int[] labels) {

        public int exams() {
            return labels.length;
        }
    }

    private PredictionsFile() {}

    /** Writes the test exams' rows, each with what the checks said of it ({@code assessments}, in the same order). */
    public static void write(Path file, List<ExamRecord> exams, double[][] probabilities, int[] labels, List<Assessment> assessments)
            throws IOException {
        double[] h = ClassificationMetrics.entropies(probabilities);
        StringWriter text = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(text, CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
            for (int i = 0; i < labels.length; i++) {
                double[] q = probabilities[i];
                Assessment a = assessments.get(i);
                csv.printRecord(exams.get(i).examId(), exams.get(i).patientId(), q[0], q[1], q[2], h[i], labels[i],
                        a.oodScore() == null ? "" : a.oodScore(), a.assessed(), a.codes());
            }
        }
        AtomicFiles.writeString(file, text.toString());
    }

    public static ScoredExams read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MissingFileException(file, "predictions");
        }
        List<String> ids = new ArrayList<>();
        List<double[]> probabilities = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                ids.add(row.get(HEADER[0]));
                probabilities.add(new double[] {Double.parseDouble(row.get(HEADER[2])), Double.parseDouble(row.get(HEADER[3])),
                    Double.parseDouble(row.get(HEADER[4]))});
                labels.add(Integer.parseInt(row.get(HEADER[6])));
            }
        } catch (IOException | IllegalArgumentException e) {
            // a missing column or an unparsable number: IllegalArgumentException, NumberFormatException among them
            throw new BadInputException(file, "unreadable predictions (" + e.getMessage() + ")", e);
        }
        return new ScoredExams(List.copyOf(ids), probabilities.toArray(double[][]::new),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }
}
