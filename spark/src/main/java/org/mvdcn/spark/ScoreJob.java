package org.mvdcn.spark;

import java.nio.file.Path;
import org.mvdcn.data.Split;
import org.mvdcn.model.Precision;

/**
 * One scoring of an archive: which exams, with which model, how, and where the table goes.
 *
 * @param manifest the manifest, read on the driver
 * @param weights the model: a local path or a Hadoop file system URI every executor can read
 * @param out the output folder: a local path or a Hadoop file system URI
 * @param split the exams of one split (test: the scored ones and the labelled validation exams, as evaluate takes
 *     them); null: every exam
 * @param crops crop sets averaged per exam
 * @param seed seeds each exam's image choice and crops, as evaluate's seed does
 * @param threads libtorch threads per executor; null: spark.task.cpus
 * @param device where each executor runs the model, as --device names it (cpu, gpu, gpu:N)
 * @param precision the convolutions' arithmetic in each executor JVM (set before its engine starts)
 * @param calibrated divide the logits by the model's temperature when it carries one
 * @param bootstrapRounds resamples for the evaluation's intervals
 * @param master the Spark master; null: spark-submit's, else local[2]
 */
public record ScoreJob(Path manifest, String weights, String out, Split split, int crops, long seed, Integer threads,
        String device, Precision precision, boolean calibrated, int bootstrapRounds, String master) {

    /** Name of the Parquet table within {@link #out}. */
    public static final String TABLE = "scores.parquet";
}
