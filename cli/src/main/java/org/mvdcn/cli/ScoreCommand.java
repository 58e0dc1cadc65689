package org.mvdcn.cli;

import java.util.concurrent.Callable;
import org.mvdcn.spark.ScoreArchive;
import org.mvdcn.spark.ScoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mvdcn score}: the Spark scorer of an archive on this machine (spark-submit runs it on a cluster). */
@Command(name = "score", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Scores every exam of a manifest with Apache Spark in local mode (" + ScoreArchive.LOCAL + " unless "
                + "--master says otherwise): OUT/scores.parquet, one row per exam (probabilities, entropy, the weights' SHA-256, "
                + "the crops' logits, an error for an exam that could not be read), and evaluate's files beside it when the table "
                + "holds labelled test and validation exams. On a cluster: spark-submit --class org.mvdcn.spark.ScoreArchive.")
public final class ScoreCommand implements Callable<Integer> {

    @Mixin
    ScoreOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(ScoreArchive.score(options.job(), spec.commandLine().getErr()::println).describe());
        return 0;
    }
}
