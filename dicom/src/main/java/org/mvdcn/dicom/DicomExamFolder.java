package org.mvdcn.dicom;

import org.mvdcn.exam.IntensityMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.mvdcn.BadInputException;
import org.mvdcn.MissingFileException;
import org.mvdcn.data.ImageRecord;
import org.mvdcn.data.Seeds;
import org.mvdcn.data.Split;
import org.mvdcn.data.ViewSampler;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.MammogramFiles;
import org.mvdcn.exam.View;

/**
 * One study's DICOM files in a folder (any depth, any file names) as a four-view exam: each
 * file's view comes from its laterality and view attributes. Files that cannot be used (another
 * modality, "for processing", no laterality or view, JPEG-LS, unreadable) are set aside with their
 * reason, which is reported when a view is then missing. Several images of one view: one is drawn
 * with the seed, as at test time (SPEC section 2).
 */
public final class DicomExamFolder {

    /** The exam, the file used for each view, and what was set aside or chosen, for the user. */
    public record DicomExam(ExamImages images, Map<View, Path> files, List<String> notes) {}

    private DicomExamFolder() {}

    public static DicomExam read(Path folder, IntensityMode mode, long seed) {
        if (!Files.isDirectory(folder)) {
            throw new MissingFileException(folder, "exam folder");
        }
        return read(folder, dicomFiles(folder), mode, seed);
    }

    /** The exam from {@code dicoms}, the DICOM files found in {@code folder}. */
    static DicomExam read(Path folder, List<Path> dicoms, IntensityMode mode, long seed) {
        List<String> notes = new ArrayList<>();
        Map<View, List<DicomHeader>> byView = new EnumMap<>(View.class);
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
            byView.computeIfAbsent(h.view(), v -> new ArrayList<>()).add(h);
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
        Random rng = Seeds.random(seed, 0, 0);
        DicomMammogramReader reader = new DicomMammogramReader();
        Map<View, Mammogram> images = new EnumMap<>(View.class);
        Map<View, Path> files = new EnumMap<>(View.class);
        for (View v : View.values()) {
            List<DicomHeader> candidates = byView.get(v);
            List<ImageRecord> records = candidates.stream().map(h -> new ImageRecord(h.file(), h.acquiredAt(), 0)).toList();
            Path chosen = ViewSampler.pick(records, Split.TEST, rng).path();
            if (candidates.size() > 1) {
                notes.add(v.label() + ": " + candidates.size() + " images, drew " + folder.relativize(chosen));
            }
            images.put(v, reader.read(chosen, mode));
            files.put(v, chosen);
        }
        return new DicomExam(new ExamImages(folder, images), files, notes);
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
