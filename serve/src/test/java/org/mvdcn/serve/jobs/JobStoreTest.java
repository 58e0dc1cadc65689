package org.mvdcn.serve.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aStudyIsQueuedOnlyAfterItsQuietPeriodAndClaimedOnce(@TempDir Path dir) {
        try (JobStore jobs = JobStore.open(dir.resolve("jobs.db"), "model-a")) {
            assertThat(jobs.recordImage("1.2.3", "ACC1", T0)).isEqualTo(StudyState.RECEIVED);
            assertThat(jobs.recordImage("1.2.3", "ACC1", T0.plusSeconds(5))).isEqualTo(StudyState.RECEIVED);
            // quiet since T0+4: the second image (T0+5) is newer, so the study keeps waiting
            assertThat(jobs.queueQuiet(T0.plusSeconds(4))).isEmpty();
            assertThat(jobs.queueQuiet(T0.plusSeconds(5))).containsExactly("1.2.3");
            StudyJob claimed = jobs.claimNext(T0.plusSeconds(6)).orElseThrow();
            assertThat(claimed.state()).isEqualTo(StudyState.RUNNING);
            assertThat(claimed.images()).isEqualTo(2);
            assertThat(claimed.accession()).isEqualTo("ACC1");
            assertThat(jobs.claimNext(T0.plusSeconds(6))).isEmpty();
        }
    }

    @Test
    void aRestartRequeuesWhatWasRunningAndKeepsWhatWasDone(@TempDir Path dir) {
        Path db = dir.resolve("jobs.db");
        try (JobStore jobs = JobStore.open(db, "model-a")) {
            jobs.recordImage("1.1", "", T0);
            jobs.recordImage("2.2", "", T0);
            jobs.queueQuiet(T0);
            jobs.claimNext(T0).orElseThrow();
            jobs.finish("1.1", prediction(0.1, 0.2, 0.7), 3.5, java.util.List.of("set aside x.dcm: not MG"), T0.plusSeconds(4), SendState.PENDING);
            jobs.claimNext(T0.plusSeconds(4)).orElseThrow(); // 2.2 running when the process dies
        }
        try (JobStore jobs = JobStore.open(db, "model-a")) {
            assertThat(jobs.requeueInterrupted()).containsExactly("2.2");
            assertThat(jobs.claimNext(T0.plusSeconds(9)).orElseThrow().studyUid()).isEqualTo("2.2");
            StudyJob done = jobs.get("1.1").orElseThrow();
            assertThat(done.state()).isEqualTo(StudyState.DONE);
            assertThat(done.probabilities()).containsExactly(0.1, 0.2, 0.7);
            assertThat(done.entropy()).isEqualTo(org.mvdcn.predict.Prediction.entropy(new double[] {0.1, 0.2, 0.7}));
            assertThat(done.temperature()).as("raw").isNull();
            assertThat(done.ood()).isNull();
            assertThat(done.sendState()).isEqualTo(SendState.PENDING);
            assertThat(done.notes()).containsExactly("set aside x.dcm: not MG");
            // an image arriving for a done study is counted, the study is not redone
            assertThat(jobs.recordImage("1.1", "", T0.plusSeconds(20))).isEqualTo(StudyState.DONE);
            assertThat(jobs.queueQuiet(T0.plusSeconds(100))).isEmpty();
            assertThat(jobs.get("1.1").orElseThrow().images()).isEqualTo(2);
        }
        try (JobStore other = JobStore.open(db, "model-b")) {
            assertThat(other.get("1.1")).as("another model's job is its own").isEmpty();
        }
    }

    @Test
    void aFailedStudyIsReceivedAgainWhenAnImageArrivesAndSendingRetriesUntilSent(@TempDir Path dir) {
        try (JobStore jobs = JobStore.open(dir.resolve("jobs.db"), "m")) {
            jobs.recordImage("3.3", "", T0);
            jobs.queueQuiet(T0);
            jobs.claimNext(T0);
            jobs.fail("3.3", "no usable DICOM image of view L-CC", T0.plusSeconds(1));
            assertThat(jobs.get("3.3").orElseThrow().reason()).contains("L-CC");
            assertThat(jobs.recordImage("3.3", "", T0.plusSeconds(30))).isEqualTo(StudyState.RECEIVED);
            assertThat(jobs.get("3.3").orElseThrow().reason()).isNull();

            jobs.queueQuiet(T0.plusSeconds(30));
            jobs.claimNext(T0.plusSeconds(31));
            jobs.finish("3.3", prediction(0.2, 0.3, 0.5), 2.0, java.util.List.of(), T0.plusSeconds(33), SendState.PENDING);
            assertThat(jobs.dueForSending(T0.plusSeconds(33))).hasSize(1);
            jobs.markSendFailed("3.3", "connection refused", T0.plusSeconds(40));
            assertThat(jobs.dueForSending(T0.plusSeconds(39))).isEmpty();
            StudyJob retrying = jobs.dueForSending(T0.plusSeconds(40)).get(0);
            assertThat(retrying.sendState()).isEqualTo(SendState.RETRYING);
            assertThat(retrying.sendError()).isEqualTo("connection refused");
            assertThat(retrying.sendAttempts()).isEqualTo(1);
            jobs.markSent("3.3");
            assertThat(jobs.dueForSending(T0.plusSeconds(1000))).isEmpty();
            assertThat(jobs.get("3.3").orElseThrow().sendState()).isEqualTo(SendState.SENT);
        }
    }

    @Test
    void theListIsNewestFirst(@TempDir Path dir) {
        try (JobStore jobs = JobStore.open(dir.resolve("jobs.db"), "m")) {
            jobs.recordImage("1", "", T0);
            jobs.recordImage("2", "", T0.plusSeconds(1));
            jobs.recordImage("3", "", T0.plusSeconds(2));
            assertThat(jobs.list(0, 2)).extracting(StudyJob::studyUid).containsExactly("3", "2");
            assertThat(jobs.list(2, 2)).extracting(StudyJob::studyUid).containsExactly("1");
        }
    }

    @Test
    void onlyAFinishedStudyCanBeReprocessedAndTheCountsFollow(@TempDir Path dir) {
        try (JobStore jobs = JobStore.open(dir.resolve("jobs.db"), "m")) {
            jobs.recordImage("1", "", T0);
            jobs.recordImage("2", "", T0);
            assertThat(jobs.requeue("1")).as("still receiving").isFalse();
            assertThat(jobs.requeue("9")).as("unknown").isFalse();
            jobs.queueQuiet(T0);
            assertThat(jobs.count(StudyState.QUEUED)).isEqualTo(2);
            jobs.claimNext(T0);
            jobs.finish("1", prediction(0.5, 0.25, 0.25), 1.0, java.util.List.of(), T0, SendState.PENDING);
            assertThat(jobs.unsent()).isEqualTo(1);
            assertThat(jobs.requeue("1")).isTrue();
            assertThat(jobs.count(StudyState.QUEUED)).isEqualTo(2);
            assertThat(jobs.count(StudyState.DONE)).isZero();
        }
    }

    @Test
    void aCalibratedPredictionKeepsItsTemperatureAndOutOfDistributionCheck(@TempDir Path dir) {
        try (JobStore jobs = JobStore.open(dir.resolve("jobs.db"), "m")) {
            jobs.recordImage("5", "", T0);
            jobs.queueQuiet(T0);
            jobs.claimNext(T0);
            double[] p = {0.6, 0.3, 0.1};
            jobs.finish("5", new org.mvdcn.predict.Prediction(p, org.mvdcn.predict.Prediction.entropy(p), 10, 2.0,
                    java.util.OptionalDouble.of(1.25), new org.mvdcn.ood.OodCheck(31.5, 12.0, true, null), java.util.List.of()), 2.5, java.util.List.of(), T0,
                    SendState.NONE);
            StudyJob job = jobs.get("5").orElseThrow();
            assertThat(job.temperature()).isEqualTo(1.25);
            assertThat(job.ood()).isEqualTo(new org.mvdcn.ood.OodCheck(31.5, 12.0, true, null));
        }
    }

    private static org.mvdcn.predict.Prediction prediction(double... p) {
        return new org.mvdcn.predict.Prediction(p, org.mvdcn.predict.Prediction.entropy(p), 1, 0.1);
    }
}
