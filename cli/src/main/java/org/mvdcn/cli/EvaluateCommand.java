package org.mvdcn.cli;

import java.io.PrintWriter;

import java.nio.file.Path;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.SplitAssignment;
import java.nio.file.Files;
import org.mvdcn.eval.DrawnClassReport;
import org.mvdcn.eval.EvaluationFile;
import org.mvdcn.eval.EvaluationReport;
import org.mvdcn.eval.ModelEvaluation;
import org.mvdcn.eval.PredictionsFile;
import org.mvdcn.eval.TruthFile;
import org.mvdcn.train.RunEvaluation;
import org.mvdcn.train.ModelCard;
import org.mvdcn.train.RunFolder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mvdcn evaluate}: the paper's evaluation of a model on a manifest's test split. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Per-class AUC, macAUC with bootstrap 95%% intervals, HC-macAUC (Table 5) with validation cut-offs, "
                + "ROC curves (roc.png), expected calibration error and Brier scores before and after calibration with a "
                + "reliability diagram (reliability.png), predictions.csv and evaluation.json.")
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

    /** Changes to the model's recorded preprocessing (each one noted). */
    @Mixin
    PreprocessingOptions preprocessing;

    @Mixin
    EvaluationOptions evaluation;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the crops and the bootstrap (default: the run's seed, or 1).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the results (default RUN/evaluation).")
    Path out;

    @Option(names = "--truth", paramLabel = "CSV",
            description = "A synthetic cohort's truth.csv: score against each exam's drawn class as well as its recorded label "
                    + "(\"drawn_classes\" in evaluation.json), so what the labels' disagreement costs is measured.")
    Path truth;

    @Option(names = "--json", description = "Print evaluation.json instead of the table.")
    boolean json;

    @Option(names = "--uncalibrated",
            description = "Score with the network's raw probabilities, not those calibrated by the model's temperature "
                    + "(calibration is measured either way).")
    boolean uncalibrated;

    @Override
    int run(PrintWriter console, PrintWriter err) throws Exception {
        ModelEvaluation.Setup setup;
        Path dir;
        evaluation.check();
        TruthFile.Drawn drawn = truth == null ? null : TruthFile.read(truth); // before the long part: a wrong path fails at once
        if (source.run != null) {
            setup = RunEvaluation.setup(source.run, evaluation.crops, evaluation.bootstrap, seed, engine.loaderThreads,
                    preprocessing.overrides(), !uncalibrated, engine.device());
            dir = out != null ? out : new RunFolder(source.run).evaluation();
        } else {
            Model m = source.model;
            setup = new ModelEvaluation.Setup(m.manifest, SplitAssignment.assign(Manifest.load(m.manifest, false).exams()),
                    m.weights, null, preprocessing.overrides(), evaluation.crops, evaluation.bootstrap, seed != null ? seed : 1,
                    engine.loaderThreads, !uncalibrated, engine.device());
            dir = out != null ? out : Path.of("evaluation");
        }
        EvaluationReport report = ModelEvaluation.run(setup, dir, err::println);
        String againstDrawn = "";
        if (drawn != null) {
            DrawnClassReport d = DrawnClassReport.of(PredictionsFile.read(dir.resolve(ModelEvaluation.PREDICTIONS)), drawn,
                    report, setup.bootstrapRounds(), setup.seed());
            EvaluationFile.addDrawnClasses(dir.resolve(EvaluationFile.NAME), d);
            againstDrawn = "\n" + d.table();
        }
        if (source.run != null) {
            err.println("model card: " + ModelCard.write(source.run, dir));
        }
        console.println(json ? Files.readString(dir.resolve(EvaluationFile.NAME))
                : ModelEvaluation.table(report) + againstDrawn + "\nwritten to " + dir.toAbsolutePath());
        return 0;
    }
}
