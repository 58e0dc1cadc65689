package org.mvdcn.serve.jobs;

/**
 * Where a study stands in the node: images arriving, waiting for the quiet period to end, waiting
 * for the one worker, being computed, finished with a result, or refused with a reason.
 */
public enum StudyState {
    RECEIVED, QUEUED, RUNNING, DONE, FAILED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static StudyState of(String label) {
        return valueOf(label.toUpperCase(java.util.Locale.ROOT));
    }
}
