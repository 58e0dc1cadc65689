package org.mvdcn.assess;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mvdcn.exam.Acquisition;
import org.mvdcn.exam.Equipment;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;

/**
 * The checks of an exam's acquisition against the training exams' ({@link TrainingAcquisition}):
 * equipment the model never saw, and a pixel spacing far from the training images'. Skipped where
 * there is nothing to compare: a model that recorded none (trained on PNG images, or before these
 * checks), an image whose file states none (PNG).
 */
public final class AcquisitionChecks {

    /**
     * A spacing within this factor of the training range ([0.8 x min, 1.25 x max], 0.8 = 1/1.25) is
     * taken as the training scale: the training images already vary about this much in scale at the
     * breast, the geometric magnification of contact mammography growing from about 1.05 to 1.2
     * with the compressed thickness. Beyond it findings span numbers of pixels the network did not
     * learn them at: a model trained on 0.07 mm detectors (Hologic) warns on 0.1 mm ones (GE
     * Senographe Essential, 1.43x) but not on 0.085 mm ones (Siemens Mammomat, 1.21x).
     */
    static final double NEAR = 1.25;

    /**
     * Beyond this factor the assessment is withheld: every structure a half larger, or a third
     * smaller, than anything learned, as far from the training scale as a 1.5x magnification view is
     * from a contact view (which the view-modifier check withholds), and on the way to the factor 2
     * of the "breast at half scale" shift the out-of-distribution check is measured on. Between NEAR
     * and FAR the score is shown with the warning: the scale moved, less than what mvdcn refuses.
     */
    static final double FAR = 1.5;

    private AcquisitionChecks() {}

    /** What {@code images}' acquisitions show against {@code trained} (null: the model recorded none, nothing is checked). */
    public static List<ExamCheck> check(Map<View, Mammogram> images, TrainingAcquisition trained) {
        if (trained == null) {
            return List.of();
        }
        Map<Equipment, List<String>> unseen = new LinkedHashMap<>();
        List<ExamCheck> scale = new ArrayList<>();
        images.forEach((view, image) -> {
            Acquisition a = image.acquisition();
            if (a == null) {
                return;
            }
            if (!trained.equipment().isEmpty() && !trained.trainedOn(a.equipment())) {
                unseen.computeIfAbsent(a.equipment(), e -> new ArrayList<>()).add(view.label());
            }
            if (trained.spacing() != null && a.statesSpacing()) {
                spacing(view, a.spacing(), trained.spacing(), scale);
            }
        });
        List<ExamCheck> found = new ArrayList<>();
        // an exam from one unseen modality is one finding; its views are named only when the others differ
        unseen.forEach((equipment, views) -> found.add(ExamCheck.warning("equipment", (views.size() == images.size() ? ""
                : String.join(", ", views) + ": ") + "not validated on this equipment: " + equipment.describe() + " (trained on: "
                + trained.describeEquipment() + ")")));
        found.addAll(scale);
        return found;
    }

    private static void spacing(View view, double spacing, TrainingAcquisition.SpacingRange trained, List<ExamCheck> found) {
        // how many times finer than the finest, or coarser than the coarsest, training image
        double off = Math.max(trained.min() / spacing, spacing / trained.max());
        if (off <= NEAR) {
            return;
        }
        String reason = String.format(Locale.ROOT, "%s: pixel spacing %.3f mm, %.2fx %s than the training images' (%s): findings "
                + "span %s pixels than the network learned them at", view.label(), spacing, off, spacing < trained.min() ? "finer"
                : "coarser", trained.describe(), spacing < trained.min() ? "more" : "fewer");
        found.add(off > FAR ? ExamCheck.notAssessed("pixel-spacing", reason) : ExamCheck.warning("pixel-spacing", reason));
    }
}
