package org.mvdcn.serve;

import java.nio.file.Path;
import java.util.List;
import org.mvdcn.serve.process.StudyProcessor;

/**
 * The node's data folder: {@code jobs.db} (the job store), {@code spool/} (objects being
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

    public Path incoming() {
        return root.resolve("incoming");
    }

    /** A study's result folder for a model (the first 16 hex digits of the weights' SHA-256 name it). */
    public Path results(String studyUid, String model) {
        return root.resolve("results").resolve(studyUid).resolve(model.substring(0, Math.min(16, model.length())));
    }

    /** The objects that go back to the PACS for a study. */
    public List<Path> objectsToSend(String studyUid, String model) {
        Path dir = results(studyUid, model);
        return List.of(dir.resolve(StudyProcessor.SR_FILE), dir.resolve(StudyProcessor.SC_FILE));
    }
}
