package org.mvdcn.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.mvdcn.BadInputException;
import org.mvdcn.MissingFileException;
import org.mvdcn.data.ExamCandidates;
import org.mvdcn.data.ImageRecord;
import org.mvdcn.exam.MammogramFiles;
import org.mvdcn.exam.View;

/**
 * One study's DICOM files in a folder (any depth, any file names) as a four-view exam's
 * candidates: each file's view comes from its laterality and view attributes. Files that cannot be
 * used (another modality, "for processing", no laterality or view, JPEG-LS, unreadable) are set
 * aside with their reason, which is reported when a view is then missing. Several images of one
 * view stay candidates: the exam application draws one with its seed, as at test time (SPEC section 2).
 */
public final class DicomExamFolder {

    private DicomExamFolder() {}

    public static ExamCandidates read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new MissingFileException(folder, "exam folder");
        }
        return read(folder, dicomFiles(folder));
    }

    /** The exam from {@code dicoms}, the DICOM files found in {@code folder}. */
    static ExamCandidates read(Path folder, List<Path> dicoms) {
        List<String> notes = new ArrayList<>();
        Map<View, List<ImageRecord>> byView = new EnumMap<>(View.class);
        Map<String, Integer> studies = new TreeMap<>();
        for (Path file : dicoms) {
            DicomHeader h;
            try {
                h = DicomMammogramReader.header(file);
            } catch (BadInputException e) {
                // named within the study folder: what a reader of the folder (or the service's page) recognises
                notes.add("set aside " + folder.relativize(e.file()) + ": " + e.problem());
                continue;
            }
            byView.computeIfAbsent(h.view(), v -> new ArrayList<>()).add(new ImageRecord(h.file(), h.acquiredAt(), 0));
            studies.merge(h.studyUid(), 1, Integer::sum);
        }
        if (studies.size() > 1) {
            throw new BadInputException(folder, "images of " + studies.size() + " studies " + studies
                    + " (StudyInstanceUID: images per study): give one study per folder");
        }
        TreeSet<String> missing = new TreeSet<>();
        for (View v : View.values()) {
            if (!byView.containsKey(v)) {
                missing.add(v.label());
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(folder, "no usable DICOM image of view" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
        }
        return new ExamCandidates(folder, byView, notes, List.of());
    }

    /** Regular, non-hidden files under {@code folder} that carry the DICOM magic, in path order. */
    static List<Path> dicomFiles(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(DicomExamFolder::hasDicomMagic).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasDicomMagic(Path file) {
        try {
            return DicomMammogramReader.isDicom(MammogramFiles.head(file));
        } catch (BadInputException e) {
            return false; // unreadable: not one of the study's images
        }
    }
}
