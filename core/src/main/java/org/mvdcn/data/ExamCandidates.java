package org.mvdcn.data;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.mvdcn.assess.ExamCheck;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.ImageReader;
import org.mvdcn.exam.MammogramFiles;
import org.mvdcn.exam.View;

/**
 * An exam as read from where it lies, before anything is drawn or decoded: every usable image of
 * each view, and what reading the source set aside (for the user). A folder of four PNGs, a DICOM
 * study folder and a manifest's exam all become this, and {@link ExamDraw} then picks from it.
 *
 * @param source the folder (or the manifest's exam) it came from, for messages
 * @param images every image of each view; all four views present
 * @param notes files set aside while reading, with their reasons
 * @param reader how a drawn image's file is decoded: by its format's reader, or from what reading the source already read
 * @param checks what the checks before scoring found in the images' attributes (an implant, a
 *     spot compression), carried to the prediction
 */
public record ExamCandidates(Path source, Map<View, List<ImageRecord>> images, List<String> notes, ImageReader reader,
        List<ExamCheck> checks) {

    public ExamCandidates {
        Map<View, List<ImageRecord>> copy = new EnumMap<>(View.class);
        images.forEach((v, list) -> copy.put(v, List.copyOf(list)));
        if (copy.size() != View.values().length || copy.values().stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("an exam needs an image of each of the four views, got " + copy.keySet());
        }
        images = copy;
        notes = List.copyOf(notes);
        checks = List.copyOf(checks);
    }

    /** Candidates whose files are decoded by their format's reader when drawn, with nothing found by the attribute checks. */
    public ExamCandidates(Path source, Map<View, List<ImageRecord>> images, List<String> notes) {
        this(source, images, notes, MammogramFiles::read, List.of());
    }

    /** A manifest's exam: its images as listed. */
    public static ExamCandidates of(ExamRecord exam, Path manifest) {
        return new ExamCandidates(manifest, exam.images(), List.of());
    }

    /** {@code L-CC.png}, {@code R-CC.png}, {@code L-MLO.png} and {@code R-MLO.png} in a folder, one image each. */
    public static ExamCandidates pngFolder(Path folder) {
        Map<View, List<ImageRecord>> images = new EnumMap<>(View.class);
        ExamImages.pngFiles(folder).forEach((v, file) -> images.put(v, List.of(new ImageRecord(file, null, 0))));
        return new ExamCandidates(folder, images, List.of());
    }
}
