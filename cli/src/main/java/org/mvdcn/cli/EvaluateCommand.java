package org.mvdcn.cli;

import java.io.PrintWriter;

import java.nio.file.Path;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.SplitAssignment;
import org.mvdcn.eval.EvaluationReport;
import org.mvdcn.eval.ModelEvaluation;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.train.TrainingRun;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mvdcn evaluate}: the paper's evaluation of a model on a manifest's test split. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Per-class AUC, macAUC with bootstrap 95% intervals, HC-macAUC (Table 5) with validation cut-offs, "
                + "ROC curves (roc.png), predictions.csv and evaluation.json.")
public final class EvaluateCommand extends EngineCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--run", paramLabel = "RUN", description = "A training run: its best model, manifest, split and options.")
        Path run;

        @ArgGroup(exclusive = false)
        Model model;
    }

    static final class Model {
        @Option(names = "--weights", required = true, paramLabel = "FILE", description = "Model weights.")
        Path weights;

        @Option(names = "--manifest", required = true, paramLabel = "CSV", description = "Manifest (split computed from it).")
        Path manifest;

    }

    /** The network shape of --weights (a run records its own). */
    @Mixin
    ShapeOptions shape;

    @Mixin
    EvaluationOptions evaluation;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the crops and the bootstrap.")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the results (default RUN/evaluation).")
    Path out;

    @Option(names = "--json", description = "Print evaluation.json instead of the table.")
    boolean json;

    @Override
    int run(PrintWriter console, PrintWriter err) throws Exception {
        ModelEvaluation.Setup setup;
        Path dir;
        if (source.run != null) {
            setup = TrainingRun.evaluationSetup(source.run, evaluation.crops, evaluation.bootstrap, seed, engine.loaderThreads);
            dir = out != null ? out : source.run.resolve("evaluation");
        } else {
            Model m = source.model;
            setup = new ModelEvaluation.Setup(m.manifest, SplitAssignment.assign(Manifest.load(m.manifest, false).exams()),
                    m.weights, new NetworkConfig(shape.cropHeight(), shape.cropWidth(), shape.width, 0, 0),
                    shape.downscale, evaluation.crops, evaluation.bootstrap, seed, engine.loaderThreads);
            dir = out != null ? out : Path.of("evaluation");
        }
        EvaluationReport report = ModelEvaluation.run(setup, dir, err::println);
        console.println(json ? ModelEvaluation.json(report) : ModelEvaluation.table(report) + "\nwritten to " + dir.toAbsolutePath());
        return 0;
    }
}
