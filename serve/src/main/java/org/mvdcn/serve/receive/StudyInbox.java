package org.mvdcn.serve.receive;

import org.mvdcn.serve.CallerText;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.mvdcn.BadInputException;
import org.mvdcn.dicom.DicomUid;
import org.mvdcn.serve.audit.AuditLog;
import org.mvdcn.serve.jobs.JobStore;
import org.mvdcn.serve.jobs.StudyState;

/**
 * Where received images wait for their study to be computed: one folder per StudyInstanceUID
 * ({@code incoming/<study>/<sop>.dcm}), which is then read by the rules of {@code predict --exam}.
 * A file is moved in (atomically, from the spool on the same disk) before the job store counts
 * it, so after a crash the folders hold at least what the store knows; {@link #recover} registers
 * what it does not.
 */
public final class StudyInbox {

    private final Path root;
    private final JobStore jobs;
    private final Clock clock;
    private final Consumer<String> log;
    private final AuditLog audit;

    public StudyInbox(Path root, JobStore jobs, Clock clock, Consumer<String> log, AuditLog audit) {
        this.root = root;
        this.jobs = jobs;
        this.clock = clock;
        this.log = log;
        this.audit = audit;
    }

    public Path folder(String studyUid) {
        return root.resolve(checkedUid(studyUid, root));
    }

    /** Files the study's folder holds. */
    public List<Path> files(String studyUid) {
        try (Stream<Path> s = Files.list(folder(studyUid))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".dcm")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder(studyUid) + ": " + e.getMessage(), e);
        }
    }

    /** Moves a received object into its study's folder and counts it; {@code remote}: where it came from, for the audit trail. */
    public void accept(Path received, String callingAe, String remote) throws IOException {
        AttributeList a = header(received);
        String study = checkedUid(text(a, TagFromName.StudyInstanceUID), received);
        String sop = checkedUid(text(a, TagFromName.SOPInstanceUID), received);
        Path target = folder(study).resolve(sop + ".dcm");
        Files.createDirectories(target.getParent());
        Files.move(received, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        StudyState state = jobs.recordImage(study, text(a, TagFromName.AccessionNumber), clock.instant());
        String modality = text(a, TagFromName.Modality);
        log.accept("received " + modality + " " + sop + " of study " + study + " from " + callingAe
                + (state == StudyState.RECEIVED ? "" : " (the study is already " + state.label() + "; reprocess it to include this image)"));
        audit.record(new AuditLog.Event(callingAe + "@" + remote, null, study, "received", "stored", modality + " " + sop));
    }

    /** Registers study folders the store does not know (a crash between the move and the count). */
    public void recover() throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> studies = Files.list(root)) {
            for (Path dir : studies.filter(Files::isDirectory).toList()) {
                String study = dir.getFileName().toString();
                if (DicomUid.isValid(study) && jobs.get(study).isEmpty()) {
                    for (Path file : files(study)) {
                        jobs.recordImage(study, text(header(file), TagFromName.AccessionNumber), clock.instant());
                    }
                    log.accept("recovered study " + study + " from the inbox");
                }
            }
        }
    }

    /**
     * What files a received object by its study. Computing the study reads each file again, in full
     * and once (DicomExamFolder): a study waits through its quiet period and the queue, perhaps
     * across a restart, and holding what was read here until then would cost memory for nothing.
     */
    private static AttributeList header(Path file) throws IOException {
        AttributeList a = new AttributeList();
        try {
            a.read(file.toString(), TagFromName.PixelData);
        } catch (DicomException e) {
            throw new BadInputException(file, "unreadable DICOM: " + e.getMessage(), e);
        }
        return a;
    }

    private static String checkedUid(String uid, Path file) {
        if (!DicomUid.isValid(uid)) {
            throw new BadInputException(file, "not a valid UID: '" + CallerText.printable(uid) + "'");
        }
        return uid;
    }

    private static String text(AttributeList a, com.pixelmed.dicom.AttributeTag tag) {
        return com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(a, tag).trim();
    }
}
