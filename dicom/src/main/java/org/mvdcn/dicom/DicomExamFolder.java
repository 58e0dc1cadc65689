package org.mvdcn.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.mvdcn.BadInputException;
import org.mvdcn.MissingFileException;
import org.mvdcn.assess.ExamCheck;
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
 *
 * <p>Each DICOM file is read once, here ({@link DicomMammogramReader#parse}; only its first bytes
 * were looked at before, to tell it from other files): the candidates are sorted by the headers of
 * that reading, the drawn images are decoded from it ({@link #candidates}' reader), and the
 * results refer to it ({@link #instances}). No file is read again, so a study's results say what
 * was computed even if a file is replaced meanwhile. The price is memory: each usable file's
 * stored pixel values are held as long as this object (PixelMed reads them with the header, or
 * else reads the file again), beside the decoded images while the exam is scored.
 *
 * <p>The checks before scoring ({@link MammogramChecks}) prefer, within a view, the images they found
 * nothing against; a view with none keeps its images, and their findings withhold the assessment
 * (the exam is scored and marked not assessed, rather than refused).
 */
public final class DicomExamFolder {

    private final ExamCandidates candidates;
    /** Each usable file as read. */
    private final Map<Path, DicomInstance> instances;

    private DicomExamFolder(Path folder, Map<View, List<ImageRecord>> byView, List<String> notes, List<ExamCheck> checks,
            Map<Path, DicomInstance> instances) {
        this.instances = Map.copyOf(instances);
        this.candidates = new ExamCandidates(folder, byView, notes,
                (file, intensity) -> DicomMammogramReader.decode(instance(file), intensity), checks);
    }

    public static DicomExamFolder read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new MissingFileException(folder, "exam folder");
        }
        return read(folder, dicomFiles(folder));
    }

    /** The exam from {@code dicoms}, the DICOM files found in {@code folder}. */
    static DicomExamFolder read(Path folder, List<Path> dicoms) {
        List<String> notes = new ArrayList<>();
        Map<View, List<DicomHeader>> byView = new EnumMap<>(View.class);
        Map<String, Integer> studies = new TreeMap<>();
        Map<Path, DicomInstance> instances = new HashMap<>();
        for (Path file : dicoms) {
            DicomInstance read;
            try {
                read = DicomMammogramReader.parse(file);
            } catch (BadInputException e) {
                // named within the study folder: what a reader of the folder (or the service's page) recognises
                notes.add("set aside " + folder.relativize(e.file()) + ": " + e.problem());
                continue;
            }
            DicomHeader h = read.header();
            instances.put(file, read);
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
        Map<View, List<ImageRecord>> images = new EnumMap<>(View.class);
        List<ExamCheck> checks = new ArrayList<>();
        byView.forEach((view, headers) -> {
            List<DicomHeader> clean = headers.stream().filter(h -> h.findings().stream().noneMatch(ExamCheck::withholds)).toList();
            List<DicomHeader> kept = clean.isEmpty() ? headers : clean;
            for (DicomHeader h : headers) {
                Path name = folder.relativize(h.file());
                if (!kept.contains(h)) {
                    notes.add("set aside " + name + ": " + String.join("; ", h.findings().stream().map(ExamCheck::reason).toList())
                            + " (" + view.label() + " has an image without such findings)");
                    continue;
                }
                // any kept image may be drawn: each one's findings are the exam's
                h.findings().forEach(f -> checks.add(f.in(view, name.toString())));
            }
            images.put(view, kept.stream().map(h -> new ImageRecord(h.file(), h.acquiredAt(), 0)).toList());
        });
        return new DicomExamFolder(folder, images, notes, checks, instances);
    }

    /** The exam to draw from; a drawn image is decoded from its file's one reading. */
    public ExamCandidates candidates() {
        return candidates;
    }

    /** The images a result refers to (view to the file used), as they were read. */
    public Map<View, DicomInstance> instances(Map<View, Path> images) {
        Map<View, DicomInstance> out = new EnumMap<>(View.class);
        images.forEach((v, file) -> out.put(v, instance(file)));
        return out;
    }

    private DicomInstance instance(Path file) {
        DicomInstance read = instances.get(file);
        if (read == null) {
            throw new IllegalArgumentException(file + " is not one of the usable images of " + candidates.source());
        }
        return read;
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
