package org.mvdcn.assess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.MammogramFiles;
import org.mvdcn.exam.View;
import org.mvdcn.preprocess.Preprocessing;

/**
 * The checks made before an exam is scored, for a model: what its files' attributes say, what its
 * pixels say ({@link PixelChecks}), and its equipment and pixel spacing against the model's
 * training exams' ({@link AcquisitionChecks}). The one place they are gathered, so that predict,
 * explain, the node, evaluate and the Spark scorer find the same things in the same exam.
 *
 * @param preprocessing how the model reads the images (the image-size check compares with its crop)
 * @param trained the model's training acquisition; null: the model recorded none, nothing to compare
 */
public record ExamChecks(Preprocessing preprocessing, TrainingAcquisition trained) {

    /**
     * What a view's file states against being scored, each finding naming the view and {@code name}
     * (how the user knows the file); nothing for a format that states nothing (PNG).
     */
    public static List<ExamCheck> attributes(View view, Path file, String name) {
        return MammogramFiles.formatOf(file) instanceof AttributeChecks format
                ? format.checkAttributes(file).stream().map(f -> f.in(view, name)).toList()
                : List.of();
    }

    /** Everything found in an exam: {@code attributes} (its files', as {@link #attributes} gives them), then its decoded images'. */
    public List<ExamCheck> check(List<ExamCheck> attributes, Map<View, Mammogram> images) {
        List<ExamCheck> found = new ArrayList<>(attributes);
        found.addAll(PixelChecks.check(images, preprocessing));
        found.addAll(AcquisitionChecks.check(images, trained));
        return List.copyOf(found);
    }
}
