package org.mvdcn.serve.jobs;

import java.time.Instant;

/**
 * One study as the node knows it, for one model (weights SHA-256): identified by UIDs only, never
 * by patient name or ID.
 *
 * @param probabilities P(BI-RADS 0, 1, 2) once done, else null
 * @param temperature the calibration the probabilities were computed with; null: raw (the model carries none)
 * @param ood the study against the model's training distribution; null when the model carries none
 * @param seconds time from the job starting to its result files being written, once done
 * @param notes what reading the study set aside (with the reasons) or chose among several images of a view
 * @param notAssessedBecause why a done study's assessment was withheld; empty when it was assessed (or is not done)
 */
public record StudyJob(String studyUid, String model, StudyState state, String reason, int images, String accession,
        Instant firstReceived, Instant lastReceived, Instant started, Instant finished, double[] probabilities,
        double entropy, Double temperature, org.mvdcn.ood.OodCheck ood, double seconds, java.util.List<String> notes, SendState sendState, int sendAttempts, String sendError, Instant nextSend,
        java.util.List<String> notAssessedBecause) {}
