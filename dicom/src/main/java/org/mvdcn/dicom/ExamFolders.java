package org.mvdcn.dicom;

import org.mvdcn.exam.IntensityMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.View;

/** Reads an exam folder of either kind: the four view PNGs by name, or the DICOM files of one study. */
public final class ExamFolders {

    private ExamFolders() {}

    /** The exam and notes for the user (DICOM files set aside or drawn among several). */
    public record Exam(ExamImages images, List<String> notes) {}

    public static Exam read(Path folder, IntensityMode mode, long seed) {
        boolean pngs = Files.isRegularFile(folder.resolve(View.values()[0].label() + ".png"));
        List<Path> dicoms = pngs || !Files.isDirectory(folder) ? List.of() : DicomExamFolder.dicomFiles(folder);
        if (dicoms.isEmpty()) {
            return new Exam(ExamImages.readPngFolder(folder), List.of());
        }
        DicomExamFolder.DicomExam exam = DicomExamFolder.read(folder, dicoms, mode, seed);
        return new Exam(exam.images(), exam.notes());
    }
}
