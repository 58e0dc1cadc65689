package org.mvdcn.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mvdcn.train.LayerStatsLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mvdcn layer-stats}: several runs' layer measurements in one figure. */
@Command(name = "layer-stats", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Draw the layer measurements of runs trained with --layer-stats-every side by side (activation std, std "
                + "between exams, weight-gradient norm per layer; each run at its first and last measured step).")
public final class LayerStatsCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RUN", description = "Training runs with RUN/layer-stats.csv.")
    List<Path> runs;

    @Option(names = "--out", required = true, paramLabel = "PNG", description = "The figure to write.")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LayerStatsLog.compare(out, runs);
        spec.commandLine().getOut().println("written " + out.toAbsolutePath());
        return 0;
    }
}
