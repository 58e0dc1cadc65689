package org.mvdcn.data;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.mvdcn.BadInputException;
import org.mvdcn.io.AtomicFiles;

/**
 * Which split each exam belongs to, and which test exams are scored (SPEC section 3): patients
 * sorted by the date of their last exam (ties by patient id), the first 80% train, the next 10%
 * validation, the last 10% test; of each test patient only the last exam is scored. A split the
 * manifest declares for an exam wins over the computed one, and a patient whose every exam declares
 * one takes no place in the ranking. Deterministic: no randomness at all.
 *
 * @param splits split of every exam, by exam id
 * @param scored the test exams that count in test metrics
 */
public record SplitAssignment(Map<String, Split> splits, Set<String> scored) {

    public static final double TRAIN_FRACTION = 0.8;
    public static final double VALIDATION_FRACTION = 0.1;

    public SplitAssignment {
        splits = Collections.unmodifiableMap(new LinkedHashMap<>(splits));
        scored = Collections.unmodifiableSet(new TreeSet<>(scored));
    }

    public static SplitAssignment assign(List<ExamRecord> exams) {
        Map<String, ExamRecord> lastExam = new HashMap<>();
        Set<String> undeclared = new TreeSet<>();
        for (ExamRecord e : exams) {
            lastExam.merge(e.patientId(), e, (a, b) -> later(a, b) ? a : b);
            if (e.declaredSplit() == null) {
                undeclared.add(e.patientId());
            }
        }
        // Only patients with an exam left to the computed split are ranked, so declaring a separate set (e.g. a
        // synthetic test cohort) leaves the others' 80/10/10 exactly what it was without it.
        List<String> patients = new ArrayList<>(undeclared);
        patients.sort(Comparator.comparing((String p) -> lastExam.get(p).date()).thenComparing(p -> p));
        int n = patients.size();
        int trainEnd = (int) Math.round(n * TRAIN_FRACTION);
        int validationEnd = (int) Math.round(n * (TRAIN_FRACTION + VALIDATION_FRACTION));
        Map<String, Split> byPatient = new HashMap<>();
        for (int i = 0; i < n; i++) {
            byPatient.put(patients.get(i), i < trainEnd ? Split.TRAIN : i < validationEnd ? Split.VALIDATION : Split.TEST);
        }
        Map<String, Split> splits = new LinkedHashMap<>();
        Map<String, ExamRecord> lastTest = new HashMap<>();
        for (ExamRecord e : exams) {
            Split s = e.declaredSplit() != null ? e.declaredSplit() : byPatient.get(e.patientId());
            splits.put(e.examId(), s);
            if (s == Split.TEST) {
                lastTest.merge(e.patientId(), e, (a, b) -> later(a, b) ? a : b);
            }
        }
        Set<String> scored = new TreeSet<>();
        lastTest.values().forEach(e -> scored.add(e.examId()));
        return new SplitAssignment(splits, scored);
    }

    /** Whether {@code a} is the later visit (date, then exam id, so ties resolve the same way every time). */
    private static boolean later(ExamRecord a, ExamRecord b) {
        int byDate = a.date().compareTo(b.date());
        return byDate != 0 ? byDate > 0 : a.examId().compareTo(b.examId()) > 0;
    }

    public Split of(ExamRecord exam) {
        Split s = splits.get(exam.examId());
        if (s == null) {
            throw new IllegalArgumentException("exam " + exam.examId() + " is not in the split");
        }
        return s;
    }

    /** The exams of {@code split} that are used: all of train and validation, the scored ones of test. */
    public List<ExamRecord> select(List<ExamRecord> exams, Split split) {
        return exams.stream()
                .filter(e -> of(e) == split && (split != Split.TEST || scored.contains(e.examId())))
                .toList();
    }

    /** As {@link #select}, keeping only labelled exams: what training and evaluation can use. */
    public List<ExamRecord> selectLabelled(List<ExamRecord> exams, Split split) {
        return select(exams, split).stream().filter(e -> e.label() != null).toList();
    }

    /** Writes {@code exam_id,split,scored}, atomically. */
    public void write(Path file) throws IOException {
        StringWriter text = new StringWriter();
        try (CSVPrinter out = new CSVPrinter(text, CSVFormat.DEFAULT.builder().setHeader("exam_id", "split", "scored").get())) {
            for (Map.Entry<String, Split> e : splits.entrySet()) {
                out.printRecord(e.getKey(), e.getValue().label(), scored.contains(e.getKey()));
            }
        }
        AtomicFiles.writeString(file, text.toString());
    }

    public static SplitAssignment read(Path file) {
        Map<String, Split> splits = new LinkedHashMap<>();
        Set<String> scored = new TreeSet<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : csv) {
                splits.put(r.get("exam_id"), Split.fromLabel(r.get("split")));
                if (Boolean.parseBoolean(r.get("scored"))) {
                    scored.add(r.get("exam_id"));
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new BadInputException(file, "unreadable split file (" + e.getMessage() + ")", e);
        }
        return new SplitAssignment(splits, scored);
    }
}
