package org.mvdcn.assess;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.ImageRecord;
import org.mvdcn.exam.Acquisition;
import org.mvdcn.exam.Equipment;

/**
 * The equipment and the pixel spacing of the exams a model was trained on: what run.json records
 * and the model file's metadata carries (as {@link #toJson}), so that {@link AcquisitionChecks} can
 * tell an exam from other equipment, or at another scale, wherever the file goes. Images whose
 * files state neither (PNG) count in {@code exams} only: a model trained on them records no
 * equipment and no spacing, and the checks are skipped.
 *
 * @param exams training exams looked at
 * @param dicomExams those with at least one image stating its acquisition (DICOM)
 * @param equipment each manufacturer and model, with the exams having an image from it, most exams first
 * @param spacing the pixel spacing of the training images that state one; null when none does
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainingAcquisition(int exams, @JsonProperty("dicom_exams") int dicomExams, List<EquipmentExams> equipment,
        SpacingRange spacing) {

    /** One manufacturer and model and the training exams with an image from it. */
    public record EquipmentExams(Equipment equipment, int exams) {}

    /** The training images' pixel spacing (mm): the extremes the checks compare with, and the median for the card. */
    public record SpacingRange(double min, double median, double max, int images) {

        String describe() {
            return String.format(Locale.ROOT, "%.3f-%.3f mm (median %.3f, %d images)", min, max, median, images);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public TrainingAcquisition {
        equipment = List.copyOf(equipment);
    }

    /** What {@code reader} says of every image of {@code exams} (null: the file states nothing, as a PNG). */
    public static TrainingAcquisition of(List<ExamRecord> exams, Function<Path, Acquisition> reader) {
        Map<Equipment, Integer> examsBy = new TreeMap<>(Comparator.comparing(Equipment::manufacturer).thenComparing(Equipment::model));
        List<Double> spacings = new ArrayList<>();
        int dicomExams = 0;
        for (ExamRecord exam : exams) {
            Set<Equipment> seen = new LinkedHashSet<>();
            for (List<ImageRecord> images : exam.images().values()) {
                for (ImageRecord image : images) {
                    Acquisition a = reader.apply(image.path());
                    if (a != null) {
                        seen.add(a.equipment());
                        if (a.statesSpacing()) {
                            spacings.add(a.spacing());
                        }
                    }
                }
            }
            // an exam counts once for each equipment it has an image from
            seen.forEach(e -> examsBy.merge(e, 1, Integer::sum));
            dicomExams += seen.isEmpty() ? 0 : 1;
        }
        List<EquipmentExams> equipment = examsBy.entrySet().stream().map(e -> new EquipmentExams(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt(EquipmentExams::exams).reversed()).toList();
        return new TrainingAcquisition(exams.size(), dicomExams, equipment, range(spacings));
    }

    private static SpacingRange range(List<Double> spacings) {
        if (spacings.isEmpty()) {
            return null;
        }
        double[] s = spacings.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = s.length;
        return new SpacingRange(s[0], n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2, s[n - 1], n);
    }

    /** Whether any training exam had an image from {@code e}. */
    public boolean trainedOn(Equipment e) {
        return equipment.stream().anyMatch(x -> x.equipment().equals(e));
    }

    /** The equipment in words, with exam counts: "A Model 1 (120 exams); B Model 2 (3 exams)". */
    public String describeEquipment() {
        return equipment.stream().map(e -> e.equipment().describe() + " (" + e.exams() + (e.exams() == 1 ? " exam)" : " exams)"))
                .collect(Collectors.joining("; "));
    }

    /** One line for the training log and the model card. */
    public String describe() {
        if (equipment.isEmpty()) {
            return "equipment: not recorded (PNG training images); pixel spacing: not recorded";
        }
        return "equipment: " + describeEquipment() + " in " + dicomExams + " of " + exams + " training exams; pixel spacing: "
                + (spacing == null ? "not stated by the training images" : spacing.describe());
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TrainingAcquisition fromJson(String json) throws IOException {
        return JSON.readValue(json, TrainingAcquisition.class);
    }
}
