package org.mvdcn.serve.process;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.mvdcn.BadInputException;
import org.mvdcn.dicom.DicomExamFolder;
import org.mvdcn.serve.NodeMetrics;
import org.mvdcn.serve.ResultFolder;
import org.mvdcn.serve.audit.AuditLog;
import org.mvdcn.serve.jobs.JobStore;
import org.mvdcn.serve.jobs.SendState;
import org.mvdcn.serve.jobs.StudyJob;

/**
 * The node's compute loop: queues the studies that went quiet, then computes every queued one,
 * oldest first, one at a time (one exam saturates the CPU). Each outcome is committed to the job
 * store before the next study starts; a study whose input is refused fails with the reason, and
 * nothing a study does (not even running out of memory) stops the loop for the next.
 */
public final class StudyWorker {

    private final JobStore jobs;
    private final StudyProcessor processor;
    private final Function<String, Path> studyFolder;
    private final Function<String, ResultFolder> results;
    private final boolean sends;
    private final Duration quiet;
    private final NodeMetrics metrics;
    private final Clock clock;
    private final Consumer<String> log;
    private final AuditLog audit;

    /** {@code sends}: whether finished studies have results to send (a destination is configured). */
    public StudyWorker(JobStore jobs, StudyProcessor processor, Function<String, Path> studyFolder, Function<String, ResultFolder> results,
            boolean sends, Duration quiet, NodeMetrics metrics, Clock clock, Consumer<String> log, AuditLog audit) {
        this.jobs = jobs;
        this.processor = processor;
        this.studyFolder = studyFolder;
        this.results = results;
        this.sends = sends;
        this.quiet = quiet;
        this.metrics = metrics;
        this.clock = clock;
        this.log = log;
        this.audit = audit;
    }

    /** One tick of the loop: what went quiet is queued, and everything queued is computed. */
    public void computeDue() {
        try {
            jobs.queueQuiet(clock.instant().minus(quiet));
            for (Optional<StudyJob> job = jobs.claimNext(clock.instant()); job.isPresent(); job = jobs.claimNext(clock.instant())) {
                compute(job.get());
            }
        } catch (RuntimeException e) {
            log.accept("the compute loop failed, retrying: " + e);
        }
    }

    private void compute(StudyJob job) {
        String uid = job.studyUid();
        Instant started = clock.instant();
        log.accept("computing study " + uid + " (" + job.images() + " objects)");
        Path folder = studyFolder.apply(uid);
        try {
            StudyProcessor.Result r = processor.process(DicomExamFolder.read(folder), results.apply(uid));
            r.notes().forEach(n -> log.accept("study " + uid + ": " + n));
            double seconds = Duration.between(started, clock.instant()).toNanos() / 1e9;
            jobs.finish(uid, r.prediction(), seconds, r.notes(), clock.instant(), sends ? SendState.PENDING : SendState.NONE);
            metrics.done(seconds);
            log.accept(String.format("study %s done in %.1f s: P(BI-RADS 0, 1, 2) = %.4f, %.4f, %.4f", uid, seconds,
                    r.prediction().probabilities()[0], r.prediction().probabilities()[1], r.prediction().probabilities()[2]));
            audit.record(new AuditLog.Event(null, null, uid, "computed", "done", String.format("%.1f s", seconds)));
        } catch (BadInputException e) {
            // the reason names files within the study's folder: the server's own paths are not the reader's business
            fail(uid, (e.file() == null || e.file().equals(folder) ? "" : folder.relativize(e.file()) + ": ") + e.problem());
        } catch (OutOfMemoryError e) {
            // a study too large for this JVM fails alone; the memory it held is free again once its arrays are gone
            fail(uid, "out of memory while computing it (" + e.getMessage() + "): give the node more heap (MVDCN_JAVA_OPTS=-Xmx...)");
        } catch (Exception e) {
            fail(uid, "internal error: " + e);
        }
    }

    private void fail(String uid, String reason) {
        jobs.fail(uid, reason, clock.instant());
        metrics.failed();
        log.accept("study " + uid + " failed: " + reason);
        audit.record(new AuditLog.Event(null, null, uid, "computed", "failed", reason));
    }
}
