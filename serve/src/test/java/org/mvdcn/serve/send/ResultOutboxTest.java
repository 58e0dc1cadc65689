package org.mvdcn.serve.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.serve.audit.AuditLog;
import org.mvdcn.serve.jobs.JobStore;
import org.mvdcn.serve.jobs.SendState;

class ResultOutboxTest {

    @Test
    void thePauseDoublesFromFiveSecondsUpToTenMinutes() {
        assertThat(ResultOutbox.pause(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(ResultOutbox.pause(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(ResultOutbox.pause(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(ResultOutbox.pause(8)).isEqualTo(Duration.ofMinutes(10));
        assertThat(ResultOutbox.pause(60)).isEqualTo(Duration.ofMinutes(10));
    }

    /** A PACS that is down for its first two calls. */
    private static final class FlakyPacs implements ResultDestination {
        final List<List<Path>> stored = new ArrayList<>();
        int calls;

        @Override
        public void store(List<Path> files) throws Exception {
            if (++calls <= 2) {
                throw new java.net.ConnectException("Connection refused");
            }
            stored.add(files);
        }

        @Override
        public String describe() {
            return "PACS@test:104";
        }
    }

    @Test
    void aFailedSendIsRetriedAfterItsPauseAndNeverLost(@TempDir Path dir) throws Exception {
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        try (JobStore jobs = JobStore.open(dir.resolve("jobs.db"), "m")) {
            jobs.recordImage("1.2", "", t0);
            jobs.queueQuiet(t0);
            jobs.claimNext(t0);
            jobs.finish("1.2", prediction(0.3, 0.3, 0.4), 1.0, List.of(), t0, SendState.PENDING);
            FlakyPacs pacs = new FlakyPacs();
            List<String> log = new ArrayList<>();
            List<Path> objects = List.of(dir.resolve("sr.dcm"), dir.resolve("sc.dcm"));
            Instant[] now = {t0};
            Clock clock = new Clock() {
                @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
                @Override public Clock withZone(java.time.ZoneId zone) { return this; }
                @Override public Instant instant() { return now[0]; }
            };
            AuditLog audit = new AuditLog(dir.resolve("audit"), clock);
            ResultOutbox outbox = new ResultOutbox(jobs, List.of(pacs), (study, model) -> objects, clock, log::add, audit);

            assertThat(outbox.sendDue()).isZero();
            assertThat(jobs.get("1.2").orElseThrow().sendState()).isEqualTo(SendState.RETRYING);
            assertThat(log.get(0)).contains("1.2").contains("attempt 1").contains("retrying in 5 s").contains("Connection refused");
            now[0] = t0.plusSeconds(4);
            assertThat(outbox.sendDue()).as("still pausing").isZero();
            assertThat(pacs.calls).isEqualTo(1);
            now[0] = t0.plusSeconds(5);
            assertThat(outbox.sendDue()).isZero();
            assertThat(log.get(1)).contains("attempt 2").contains("retrying in 10 s");
            now[0] = t0.plusSeconds(15);
            assertThat(outbox.sendDue()).isEqualTo(1);
            assertThat(pacs.stored).containsExactly(objects);
            assertThat(jobs.get("1.2").orElseThrow().sendState()).isEqualTo(SendState.SENT);
            now[0] = t0.plusSeconds(3600);
            assertThat(outbox.sendDue()).as("sent once").isZero();
            audit.close();
            // the audit trail: two retries with their error, then the send, each naming the destination and the study
            List<String> trail = java.nio.file.Files.readAllLines(audit.fileFor(t0));
            assertThat(trail).hasSize(3);
            assertThat(trail.subList(0, 2)).allSatisfy(l -> assertThat(l).contains("\"remote\":\"PACS@test:104\"")
                    .contains("\"study\":\"1.2\"").contains("\"action\":\"sent\"").contains("\"outcome\":\"retrying\"")
                    .contains("Connection refused"));
            assertThat(trail.get(2)).contains("\"action\":\"sent\",\"outcome\":\"sent\"");
        }
    }

    private static org.mvdcn.predict.Prediction prediction(double... p) {
        return new org.mvdcn.predict.Prediction(p, org.mvdcn.predict.Prediction.entropy(p), 1, 0.1);
    }
}
