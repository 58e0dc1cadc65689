package org.mvdcn.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mvdcn.data.ManifestRow;
import org.mvdcn.data.Split;
import org.mvdcn.exam.View;

/**
 * Collects a dataset's images and assessments, then writes one manifest row per image with its
 * exam's label ({@link ExamLabel}). The step every adapter shares.
 */
final class ExamAssembler {

    /** One image of an exam as a dataset lists it. */
    record Image(String patient, String exam, LocalDate date, View view, Path file, Split split) {}

    private final Map<String, List<Image>> exams = new LinkedHashMap<>();
    private final Map<String, List<Integer>> assessments = new LinkedHashMap<>();
    private final Set<String> unassessed = new HashSet<>();
    private final Set<Path> seen = new HashSet<>();
    private final ManifestDraft draft;

    ExamAssembler(ManifestDraft draft) {
        this.draft = draft;
    }

    /** CC or MLO of the L or R breast; null (and the row dropped with the reason) otherwise. */
    View view(String laterality, String position) {
        String side = laterality.trim().toUpperCase(Locale.ROOT);
        side = side.startsWith("L") ? "L" : side.startsWith("R") ? "R" : side;
        String p = position.trim().toUpperCase(Locale.ROOT);
        p = p.equals("ML") ? "MLO" : p;
        if (!(side.equals("L") || side.equals("R")) || !(p.equals("CC") || p.equals("MLO"))) {
            draft.drop("view " + laterality + " " + position + ": not one of L/R CC/MLO");
            return null;
        }
        return View.fromLabel(side + "-" + p);
    }

    /** Adds an image; a file listed twice counts once, a file not on disk is dropped. */
    void image(Image i) {
        if (!seen.add(i.file())) {
            return;
        }
        if (!Files.isRegularFile(i.file())) {
            draft.drop("image file not found (not downloaded?)");
            return;
        }
        exams.computeIfAbsent(i.exam(), e -> new ArrayList<>()).add(i);
    }

    /** Row {@code row}'s BI-RADS in {@code column} for the exam; an empty cell leaves the exam unlabelled. */
    void assess(String exam, MetadataTable table, int row, String column) {
        if (MetadataTable.value(table.rows().get(row), column).isEmpty()) {
            unassessed(exam);
        } else {
            assessment(exam, table.birads(row, column));
        }
    }

    void assessment(String exam, int birads) {
        assessments.computeIfAbsent(exam, e -> new ArrayList<>()).add(birads);
    }

    /** Part of the exam has no assessment: the exam stays unlabelled. */
    void unassessed(String exam) {
        unassessed.add(exam);
    }

    void finish() {
        for (Map.Entry<String, List<Image>> e : exams.entrySet()) {
            ExamLabel.Outcome label = unassessed.contains(e.getKey()) ? new ExamLabel.Outcome(null, null)
                    : ExamLabel.of(assessments.getOrDefault(e.getKey(), List.of()));
            if (label.dropReason() != null) {
                draft.drop(label.dropReason() + " (images)", e.getValue().size());
                continue;
            }
            for (Image i : e.getValue()) {
                draft.add(new ManifestRow(i.patient(), i.exam(), i.date(), i.view(), draft.relative(i.file()), null, label.label(),
                        i.split()));
            }
        }
    }

    /** Official training patients: every tenth (by sorted id) becomes validation, the rest train. */
    static Split officialTraining(String patient, List<String> sortedTrainingPatients) {
        int index = java.util.Collections.binarySearch(sortedTrainingPatients, patient);
        return index % 10 == 9 ? Split.VALIDATION : Split.TRAIN;
    }
}
