package org.mvdcn.serve;

import java.nio.file.Path;

/**
 * The node's data folder: {@code jobs.db} (the job store), {@code audit/} (the audit trail), {@code spool/} (objects being
 * received), {@code incoming/<study>/} (a study's images), {@code results/<study>/<model>/} (what
 * a model made of it, the DICOM objects sent back among them).
 */
public record NodeFolders(Path root) {

    public Path jobStore() {
        return root.resolve("jobs.db");
    }

    public Path spool() {
        return root.resolve("spool");
    }

    /** The audit trail, a file a day. */
    public Path audit() {
        return root.resolve("audit");
    }

    public Path incoming() {
        return root.resolve("incoming");
    }

    /** A study's result folder for a model (the first 16 hex digits of the weights' SHA-256 name it). */
    public ResultFolder results(String studyUid, String model) {
        return new ResultFolder(root.resolve("results").resolve(studyUid).resolve(model.substring(0, Math.min(16, model.length()))));
    }
}
