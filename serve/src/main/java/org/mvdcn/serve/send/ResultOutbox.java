package org.mvdcn.serve.send;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.mvdcn.serve.audit.AuditLog;
import org.mvdcn.serve.jobs.JobStore;
import org.mvdcn.serve.jobs.StudyJob;

/**
 * Sends finished studies' objects to every destination, and keeps trying those that failed with
 * a growing pause (5 s, 10 s, 20 s ... at most 10 min): a result is never dropped, and the job
 * store shows it as retrying with the last error. The objects' UIDs derive from the study and the
 * weights, so a send repeated after a crash (sent, but not yet marked so) stores nothing twice.
 */
public final class ResultOutbox {

    private static final Duration FIRST_PAUSE = Duration.ofSeconds(5);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(10);

    private final JobStore jobs;
    private final List<ResultDestination> destinations;
    private final BiFunction<String, String, List<Path>> objects;
    private final Clock clock;
    private final Consumer<String> log;
    private final AuditLog audit;

    /** {@code objects}: (study UID, model) to the files to send. */
    public ResultOutbox(JobStore jobs, List<ResultDestination> destinations, BiFunction<String, String, List<Path>> objects,
            Clock clock, Consumer<String> log, AuditLog audit) {
        this.jobs = jobs;
        this.destinations = List.copyOf(destinations);
        this.objects = objects;
        this.clock = clock;
        this.log = log;
        this.audit = audit;
    }

    /** Sends every study that is due; returns how many went out. */
    public int sendDue() {
        int sent = 0;
        for (StudyJob job : jobs.dueForSending(clock.instant())) {
            List<Path> files = objects.apply(job.studyUid(), job.model());
            try {
                for (ResultDestination d : destinations) {
                    d.store(files);
                }
                jobs.markSent(job.studyUid());
                log.accept("sent the results of study " + job.studyUid() + " to " + describe());
                audit.record(new AuditLog.Event(describe(), null, job.studyUid(), "sent", "sent", null));
                sent++;
            } catch (Exception e) {
                Duration pause = pause(job.sendAttempts() + 1);
                String error = e.getMessage() == null ? e.toString() : e.getMessage();
                jobs.markSendFailed(job.studyUid(), error, clock.instant().plus(pause));
                log.accept("sending study " + job.studyUid() + " failed (attempt " + (job.sendAttempts() + 1) + "), retrying in "
                        + pause.toSeconds() + " s: " + error);
                audit.record(new AuditLog.Event(describe(), null, job.studyUid(), "sent", "retrying", error));
            }
        }
        return sent;
    }

    /** The pause after the {@code attempts}-th failure. */
    static Duration pause(int attempts) {
        Duration d = FIRST_PAUSE.multipliedBy(1L << Math.min(attempts - 1, 20));
        return d.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : d;
    }

    public boolean hasDestinations() {
        return !destinations.isEmpty();
    }

    public String describe() {
        return String.join(" and ", destinations.stream().map(ResultDestination::describe).toList());
    }
}
