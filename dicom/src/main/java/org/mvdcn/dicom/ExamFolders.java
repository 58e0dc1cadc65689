package org.mvdcn.dicom;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mvdcn.data.ExamCandidates;
import org.mvdcn.exam.View;

/** Reads an exam folder of either kind: the four view PNGs by name, or the DICOM files of one study. */
public final class ExamFolders {

    private ExamFolders() {}

    public static ExamCandidates read(Path folder) {
        boolean pngs = Files.isRegularFile(folder.resolve(View.values()[0].label() + ".png"));
        List<Path> dicoms = pngs || !Files.isDirectory(folder) ? List.of() : DicomExamFolder.dicomFiles(folder);
        return dicoms.isEmpty() ? ExamCandidates.pngFolder(folder) : DicomExamFolder.read(folder, dicoms).candidates();
    }
}
