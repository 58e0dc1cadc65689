package org.mvdcn.data;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.mvdcn.exam.View;

/**
 * One screening exam as a manifest lists it: who, when, the BI-RADS label (null when the exam is
 * unlabelled), the split the manifest assigns (null when it leaves that to {@link PatientSplit}),
 * every image of each view (an exam can hold several images of one view), and each breast's own
 * BI-RADS where the manifest gives them (empty where it does not).
 */
public record ExamRecord(String patientId, String examId, LocalDate date, Integer label, Split declaredSplit,
        Map<View, List<ImageRecord>> images, Map<View.Laterality, Integer> breastLabels) {

    public ExamRecord {
        Map<View, List<ImageRecord>> copy = new EnumMap<>(View.class);
        images.forEach((v, list) -> copy.put(v, List.copyOf(list)));
        images = copy;
        breastLabels = breastLabels.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(breastLabels));
    }

    /** An exam whose breasts carry no labels of their own. */
    public ExamRecord(String patientId, String examId, LocalDate date, Integer label, Split declaredSplit,
            Map<View, List<ImageRecord>> images) {
        this(patientId, examId, date, label, declaredSplit, images, Map.of());
    }

    /** Whether both breasts carry a label of their own. */
    public boolean hasBreastLabels() {
        return breastLabels.size() == View.Laterality.values().length;
    }

    public boolean hasAllViews() {
        return images.keySet().containsAll(List.of(View.values()));
    }

    public int imageCount() {
        return images.values().stream().mapToInt(List::size).sum();
    }
}
