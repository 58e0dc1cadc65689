package org.mvdcn.spark;

import org.mvdcn.eval.EvaluationReport;
import org.mvdcn.eval.ModelEvaluation;

/**
 * What a scoring did.
 *
 * @param table where the Parquet table is
 * @param exams rows written: one per exam
 * @param failed exams with an error instead of probabilities
 * @param seconds wall time, from reading the manifest to the evaluation written
 * @param evaluation evaluate's report from the table; null when it lacks labelled test or validation exams
 */
public record ScoreSummary(String table, int exams, int failed, double seconds, EvaluationReport evaluation) {

    /** The lines a user reads at the end. */
    public String describe() {
        return String.format("scored %d exams (%d failed) in %.1f s, %.2f exams/s%nwritten to %s%s", exams, failed, seconds,
                exams / seconds, table, evaluation == null ? "" : String.format("%n%s", ModelEvaluation.table(evaluation)));
    }
}
