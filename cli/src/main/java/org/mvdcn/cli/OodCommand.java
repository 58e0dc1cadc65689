package org.mvdcn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.mvdcn.train.PostTrainingStep;
import org.mvdcn.train.RunFeatureDistribution;
import org.mvdcn.train.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mvdcn ood}: fit a trained run's out-of-distribution check again, as training does at its end. */
@Command(name = "ood", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Fit the out-of-distribution check on a run's training and validation exams (each measured layer's "
                + "statistics, their distribution over the training images, the threshold at the validation scores' 99th "
                + "percentile) and store it in RUN/run.json and RUN/best.safetensors' metadata; training does this at its end. "
                + "Models trained before the multi-depth check need it once.")
public final class OodCommand extends EngineCommand {

    @Option(names = "--run", required = true, paramLabel = "RUN", description = "A finished training run.")
    Path run;

    @Override
    int run(PrintWriter console, PrintWriter err) throws Exception {
        var record = PostTrainingStep.run(run, List.of(new RunFeatureDistribution()), engine.loaderThreads, engine.device(),
                err::println);
        RunFolder folder = new RunFolder(run);
        console.println(record.ood().describe());
        console.println("written to " + folder.record().toAbsolutePath() + " and " + folder.best().toAbsolutePath());
        return 0;
    }
}
