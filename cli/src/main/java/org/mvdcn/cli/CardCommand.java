package org.mvdcn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mvdcn.train.ModelCard;
import org.mvdcn.train.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mvdcn card}: a run's model card made again from its records. */
@Command(name = "card", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Write RUN/model-card.md from the run's records: intended use and what it is not for, the data (manifest hash, "
                + "split sizes, label mix), the training recipe, test metrics with intervals, calibration before/after, the "
                + "out-of-distribution threshold, known limitations. Training and evaluate --run write it too.")
public final class CardCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, paramLabel = "RUN", description = "A training run.")
    Path run;

    @Option(names = "--evaluation", paramLabel = "DIR", description = "Where the run's evaluation.json is (default RUN/evaluation).")
    Path evaluation;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path card = ModelCard.write(run, evaluation != null ? evaluation : new RunFolder(run).evaluation());
        PrintWriter console = spec.commandLine().getOut();
        console.println("written " + card.toAbsolutePath());
        return 0;
    }
}
