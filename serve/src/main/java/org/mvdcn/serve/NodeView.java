package org.mvdcn.serve;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.mvdcn.serve.audit.AuditLog;
import org.mvdcn.serve.jobs.StudyJob;
import org.mvdcn.serve.jobs.StudyState;

/** What the web server may see of the node, and the one thing it may ask of it: to compute a finished study again; and where it audits. */
public interface NodeView {

    /** The weights' SHA-256: the model the node's jobs and results belong to. */
    String model();

    int count(StudyState state);

    /** Studies, newest first. */
    List<StudyJob> studies(int offset, int limit);

    Optional<StudyJob> study(String studyUid);

    /** The study's folder of received images. */
    Path studyFolder(String studyUid);

    /** What the model made of the study. */
    ResultFolder results(String studyUid);

    /** Computes a finished study again (its results replaced and sent again); false when it is not finished. */
    boolean reprocess(String studyUid);

    /** The node's audit trail, which the web server adds its requests to. */
    AuditLog audit();

    /** Passes {@code loop} completed since the node started (0 for a loop the node does not run). */
    long passes(NodeLoop loop);

    /** The node's metrics in Prometheus' text format. */
    String prometheusText();
}
