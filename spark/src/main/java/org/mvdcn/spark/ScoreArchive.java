package org.mvdcn.spark;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.mvdcn.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Scores a screening archive on Apache Spark: {@code spark-submit --class
 * org.mvdcn.spark.ScoreArchive mvdcn-spark.jar --manifest M --weights W --out OUT}, one Parquet
 * row per exam. {@code ./mvdcn score} runs the same in local mode.
 */
@Command(name = "ScoreArchive", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Scores every exam of a manifest on Spark: OUT/" + ScoreJob.TABLE + " (one row per exam), and evaluate's "
                + "files beside it when the table holds labelled test and validation exams.")
public final class ScoreArchive implements Callable<Integer> {

    /** The master when neither --master nor spark-submit names one. */
    public static final String LOCAL = "local[2]";

    @Mixin
    ScoreOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Exits with ./mvdcn's codes ({@link ExitCodes}), so a script around spark-submit tells a wrong call from bad data. */
    public static void main(String[] args) {
        int code = ExitCodes.install(new CommandLine(new ScoreArchive())).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        spec.commandLine().getOut().println(score(options.job(), err::println).describe());
        return 0;
    }

    /** Runs {@code job} on a session of its master, stopped after; notes and progress go to {@code log}. */
    public static ScoreSummary score(ScoreJob job, Consumer<String> log) {
        SparkSession spark = session(job.master());
        try {
            return ArchiveScoring.run(spark, job, log);
        } finally {
            spark.stop();
        }
    }

    /**
     * A session on {@code master} (null: spark-submit's, else {@link #LOCAL}). Spark's console
     * progress bar is off (the scoring tells its own progress); in local mode so are the web UI and
     * any address but the loopback.
     */
    static SparkSession session(String master) {
        String chosen = master != null ? master : new SparkConf().get("spark.master", LOCAL);
        SparkSession.Builder builder = SparkSession.builder().appName("mvdcn score").master(chosen)
                .config("spark.ui.showConsoleProgress", "false");
        if (chosen.startsWith("local")) {
            builder.config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
        }
        return builder.getOrCreate();
    }
}
