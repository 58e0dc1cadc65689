package org.mvdcn.data;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.mvdcn.BadInputException;
import org.mvdcn.MissingFileException;
import org.mvdcn.datasets.ExamLabel;
import org.mvdcn.exam.View;
import org.mvdcn.io.AtomicFiles;

/**
 * A screening manifest: one CSV row per image,
 * {@code patient_id,exam_id,exam_date,view,image_path,acquired_at,label,split}, and optionally
 * {@code breast_label}: the BI-RADS of the view's breast, where the reader assessed each breast (an
 * exam's label must then be what its breasts' make by the exam rule, {@link ExamLabel}). Loading checks
 * every row and reports every problem at once, with row numbers (the header is row 1). Exams that
 * lack a view are listed and left out, or refused with {@code strict}; nothing is dropped silently.
 *
 * @param file the manifest
 * @param exams the exams kept (all four views present)
 * @param excluded one line per exam left out, saying why
 */
public record Manifest(Path file, List<ExamRecord> exams, List<String> excluded) {

    public static final List<String> COLUMNS =
            List.of("patient_id", "exam_id", "exam_date", "view", "image_path", "acquired_at", "label", "split");
    /** The optional column of each view's breast's own BI-RADS. */
    public static final String BREAST_LABEL = "breast_label";
    private static final List<String> REQUIRED = List.of("patient_id", "exam_id", "exam_date", "view", "image_path");

    public Manifest {
        exams = List.copyOf(exams);
        excluded = List.copyOf(excluded);
    }

    public static Manifest load(Path file, boolean strict) {
        List<String> problems = new ArrayList<>();
        Map<String, List<Row>> byExam = new LinkedHashMap<>();
        Path folder = file.toAbsolutePath().getParent();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(in)) {
            List<String> missingColumns = REQUIRED.stream().filter(c -> !csv.getHeaderMap().containsKey(c)).toList();
            if (!missingColumns.isEmpty()) {
                throw new BadInputException(file, "manifest lacks column(s) " + String.join(", ", missingColumns)
                        + " (header must be " + String.join(",", COLUMNS) + ")");
            }
            for (CSVRecord record : csv) {
                int row = (int) record.getRecordNumber() + 1;
                Row parsed = parse(record, row, folder, problems);
                if (parsed != null) {
                    byExam.computeIfAbsent(parsed.examId, k -> new ArrayList<>()).add(parsed);
                }
            }
        } catch (NoSuchFileException e) {
            throw new MissingFileException(file, "manifest");
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new BadInputException(file, "unreadable manifest (" + e.getMessage() + ")", e);
        }
        List<ExamRecord> exams = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (List<Row> rows : byExam.values()) {
            ExamRecord exam = assemble(rows, problems);
            if (exam == null) {
                continue;
            }
            if (exam.hasAllViews()) {
                exams.add(exam);
            } else {
                List<String> missing = new ArrayList<>();
                for (View v : View.values()) {
                    if (!exam.images().containsKey(v)) {
                        missing.add(v.label());
                    }
                }
                String why = "exam " + exam.examId() + " (patient " + exam.patientId() + ", rows " + rows.get(0).row
                        + "-" + rows.get(rows.size() - 1).row + ") lacks " + String.join(", ", missing);
                if (strict) {
                    problems.add(why);
                } else {
                    excluded.add(why);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(file, problems.size() + " problem" + (problems.size() > 1 ? "s" : "")
                    + " in the manifest:\n  " + String.join("\n  ", problems));
        }
        return new Manifest(file, exams, excluded);
    }

    private record Row(int row, String patientId, String examId, LocalDate date, View view, ImageRecord image,
            Integer label, Split split, Integer breastLabel) {}

    private static Row parse(CSVRecord r, int row, Path folder, List<String> problems) {
        int before = problems.size();
        String patient = value(r, "patient_id");
        String exam = value(r, "exam_id");
        if (patient.isEmpty()) {
            problems.add("row " + row + ": empty patient_id");
        }
        if (exam.isEmpty()) {
            problems.add("row " + row + ": empty exam_id");
        }
        LocalDate date = null;
        try {
            date = LocalDate.parse(value(r, "exam_date"));
        } catch (DateTimeParseException e) {
            problems.add("row " + row + ": bad exam_date '" + value(r, "exam_date") + "' (expected YYYY-MM-DD)");
        }
        View view = null;
        try {
            view = View.fromLabel(value(r, "view"));
        } catch (IllegalArgumentException e) {
            problems.add("row " + row + ": " + e.getMessage());
        }
        Path image = null;
        String relative = value(r, "image_path");
        if (relative.isEmpty()) {
            problems.add("row " + row + ": empty image_path");
        } else {
            image = folder.resolve(relative).normalize();
            if (!Files.isRegularFile(image)) {
                problems.add("row " + row + ": image not found: " + relative);
            }
        }
        LocalDateTime acquired = null;
        String when = value(r, "acquired_at");
        if (!when.isEmpty()) {
            try {
                acquired = parseTimestamp(when);
            } catch (DateTimeParseException e) {
                problems.add("row " + row + ": bad acquired_at '" + when + "' (expected an ISO timestamp)");
            }
        }
        Integer label = birads(r, "label", row, problems);
        Integer breastLabel = birads(r, BREAST_LABEL, row, problems);
        Split split = null;
        String splitText = value(r, "split");
        if (!splitText.isEmpty()) {
            try {
                split = Split.fromLabel(splitText);
            } catch (IllegalArgumentException e) {
                problems.add("row " + row + ": " + e.getMessage());
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new Row(row, patient, exam, date, view, new ImageRecord(image, acquired, row), label, split, breastLabel);
    }

    /** The BI-RADS 0, 1 or 2 in {@code column}; null where it is empty or absent (a problem where it is something else). */
    private static Integer birads(CSVRecord r, String column, int row, List<String> problems) {
        String text = value(r, column);
        if (text.isEmpty()) {
            return null;
        }
        if (!text.matches("[012]")) {
            problems.add("row " + row + ": " + column + " '" + text + "' is not a BI-RADS 0, 1 or 2");
            return null;
        }
        return Integer.parseInt(text);
    }

    private static String value(CSVRecord r, String column) {
        return r.isMapped(column) && r.isSet(column) ? r.get(column).trim() : "";
    }

    static LocalDateTime parseTimestamp(String text) {
        try {
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
    }

    /**
     * Joins an exam's rows, reporting rows that disagree on patient, date, label or split, a breast's
     * rows that disagree on its breast label, and breast labels that make another exam label.
     */
    private static ExamRecord assemble(List<Row> rows, List<String> problems) {
        Row first = rows.get(0);
        int before = problems.size();
        Map<View, List<ImageRecord>> images = new EnumMap<>(View.class);
        Map<View.Laterality, Row> breasts = new EnumMap<>(View.Laterality.class);
        for (Row r : rows) {
            disagree(problems, r, first, "patient_id", r.patientId, first.patientId);
            disagree(problems, r, first, "exam_date", r.date, first.date);
            disagree(problems, r, first, "label", r.label, first.label);
            disagree(problems, r, first, "split", r.split, first.split);
            Row breastFirst = breasts.computeIfAbsent(r.view.laterality(), side -> r);
            disagree(problems, r, breastFirst, BREAST_LABEL + " (" + r.view.laterality().name().toLowerCase(java.util.Locale.ROOT)
                    + " breast)", r.breastLabel, breastFirst.breastLabel);
            images.computeIfAbsent(r.view, v -> new ArrayList<>()).add(r.image);
        }
        Map<View.Laterality, Integer> breastLabels = new EnumMap<>(View.Laterality.class);
        breasts.forEach((side, r) -> {
            if (r.breastLabel != null) {
                breastLabels.put(side, r.breastLabel);
            }
        });
        if (breastLabels.size() == View.Laterality.values().length && first.label != null) {
            Integer byRule = ExamLabel.of(breastLabels.values()).label();
            if (!first.label.equals(byRule)) {
                problems.add("rows " + first.row + "-" + rows.get(rows.size() - 1).row + ": exam " + first.examId + " has label "
                        + first.label + " but its breasts' labels (left " + breastLabels.get(View.Laterality.LEFT) + ", right "
                        + breastLabels.get(View.Laterality.RIGHT) + ") make BI-RADS " + byRule + " (" + ExamLabel.RULE + ")");
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new ExamRecord(first.patientId, first.examId, first.date, first.label, first.split, images, breastLabels);
    }

    private static void disagree(List<String> problems, Row r, Row first, String column, Object value, Object expected) {
        if (!java.util.Objects.equals(value, expected)) {
            problems.add("row " + r.row + ": exam " + r.examId + " has " + column + " " + (value == null ? "(empty)" : value)
                    + " but row " + first.row + " says " + (expected == null ? "(empty)" : expected));
        }
    }

    /** Writes rows as a manifest, atomically; with a {@code breast_label} column where any row has a breast label. */
    public static void write(Path file, List<ManifestRow> rows) throws IOException {
        StringWriter text = new StringWriter();
        boolean breastLabels = rows.stream().anyMatch(r -> r.breastLabel() != null);
        List<String> header = new ArrayList<>(COLUMNS);
        if (breastLabels) {
            header.add(BREAST_LABEL);
        }
        try (CSVPrinter out = new CSVPrinter(text, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (ManifestRow r : rows) {
                List<Object> values = new ArrayList<>(List.of(r.patientId(), r.examId(), r.examDate(), r.view().label(), r.imagePath(),
                        r.acquiredAt() == null ? "" : r.acquiredAt(), r.label() == null ? "" : r.label(),
                        r.split() == null ? "" : r.split().label()));
                if (breastLabels) {
                    values.add(r.breastLabel() == null ? "" : r.breastLabel());
                }
                out.printRecord(values);
            }
        }
        AtomicFiles.writeString(file, text.toString());
    }

    /** Counts of what was kept and left out, for the summary every loader prints. */
    public String summary() {
        long patients = exams.stream().map(ExamRecord::patientId).distinct().count();
        long images = exams.stream().mapToLong(ExamRecord::imageCount).sum();
        long[] labels = new long[3];
        long unlabelled = 0;
        for (ExamRecord e : exams) {
            if (e.label() == null) {
                unlabelled++;
            } else {
                labels[e.label()]++;
            }
        }
        return String.format("%s: kept %d patients, %d exams, %d images; labels BI-RADS 0/1/2 = %d/%d/%d, unlabelled %d;"
                + " excluded %d exams%s", file, patients, exams.size(), images, labels[0], labels[1], labels[2], unlabelled,
                excluded.size(), excluded.isEmpty() ? "" : ":\n  " + String.join("\n  ", excluded));
    }
}
