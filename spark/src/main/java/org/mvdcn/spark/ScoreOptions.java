package org.mvdcn.spark;

import ai.djl.Device;
import java.nio.file.Path;
import org.mvdcn.UsageException;
import org.mvdcn.data.Split;
import org.mvdcn.model.ComputeDevice;
import org.mvdcn.model.Precision;
import picocli.CommandLine.Option;

/** The options of a scoring, the same for spark-submit's ScoreArchive and ./mvdcn score. */
public final class ScoreOptions {

    @Option(names = "--manifest", required = true, paramLabel = "CSV", description = "Manifest of the exams (read on the driver).")
    Path manifest;

    @Option(names = "--weights", required = true, paramLabel = "FILE",
            description = "Model weights: a path or a Hadoop file system URI (hdfs://, s3a://) every executor can read.")
    String weights;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder (path or Hadoop URI): " + ScoreJob.TABLE + ", and evaluate's files when labels allow.")
    String out;

    @Option(names = "--split", defaultValue = "all", paramLabel = "all|train|val|test",
            description = "Which exams: all, or one split (test: the exams evaluate scores, each test patient's last, and the "
                    + "labelled validation exams its HC-macAUC cut-offs come from).")
    String split;

    @Option(names = "--crops", defaultValue = "10", paramLabel = "N", description = "Random crop sets averaged per exam.")
    int crops;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the image choice and the crops, as evaluate's.")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "libtorch threads per executor (default: spark.task.cpus).")
    Integer threads;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|gpu|gpu:N", description = ComputeDevice.HELP
            + " Every executor, and the driver, which loads the model first to check it.")
    String device;

    @Option(names = "--precision", defaultValue = "fp32", paramLabel = "fp32|bf16", description = Precision.HELP
            + " Set in every executor JVM, and the driver's.")
    String precision;

    @Option(names = "--bootstrap", defaultValue = "1000", paramLabel = "N", description = "Bootstrap resamples for the 95%% intervals.")
    int bootstrap;

    @Option(names = "--uncalibrated",
            description = "The network's raw probabilities, not those calibrated by the model's temperature.")
    boolean uncalibrated;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[2]).")
    String master;

    /** The job these options ask for, or a {@link UsageException} saying what is wrong. */
    public ScoreJob job() {
        if (crops < 1 || bootstrap < 1) {
            throw new UsageException("--crops and --bootstrap must be at least 1, got " + crops + " and " + bootstrap);
        }
        if (threads != null && threads < 1) {
            throw new UsageException("--threads must be at least 1, got " + threads);
        }
        Split chosen;
        try {
            chosen = split.equals("all") ? null : Split.fromLabel(split);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--split must be all, train, val or test, got '" + split + "'");
        }
        // only the name is checked here: whether the GPU exists is each executor's question, asked when it loads the model
        Device where = ComputeDevice.parse(device);
        Precision arithmetic = Precision.parse(precision);
        // refused here when no executor could run it; a worker's CPU without bf16 refuses in its own JVM
        arithmetic.checkDevice(where);
        return new ScoreJob(manifest, weights, out, chosen, crops, seed, threads, device, arithmetic, !uncalibrated, bootstrap, master);
    }
}
