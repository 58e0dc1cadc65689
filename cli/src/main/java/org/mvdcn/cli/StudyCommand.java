package org.mvdcn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.mvdcn.eval.TruthFile;
import org.mvdcn.study.ConfidenceStudy;
import org.mvdcn.study.StudyRunner;
import org.mvdcn.study.StudySetting;
import org.mvdcn.study.StudyTable;
import org.mvdcn.study.Studies;
import org.mvdcn.train.RunEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code mvdcn study}: the paper's training-set size (Table 3) and input resolution (Table 4) studies. */
@Command(name = "study", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Train and evaluate one model per setting: data-size (10, 20, 50, 100%% of the training patients, "
                + "nested) or resolution (1/8, 1/4, 1/2, 1 of the crop, bicubic); or, for a trained --run, confidence (macAUC "
                + "of the most confident 10, 20, 30, 50, 100%%; crops drawn with the run's seed). Writes study.md, study.csv "
                + "and study.png beside the paper's numbers; a stopped study reuses the settings it finished.")
public final class StudyCommand extends EngineCommand {

    @Parameters(index = "0", paramLabel = "KIND", description = "data-size, resolution or confidence")
    String kind;

    @Option(names = "--manifest", paramLabel = "CSV", description = "The manifest (data-size, resolution).")
    Path manifest;

    @Option(names = "--run", paramLabel = "RUN", description = "The trained run to sweep (confidence).")
    Path run;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The study's folder (reused when it exists).")
    Path out;

    @Option(names = "--truth", paramLabel = "CSV",
            description = "A synthetic cohort's truth.csv: the tables and paired comparisons against each exam's drawn class "
                    + "as well as its recorded label.")
    Path truth;

    @Mixin
    TrainingOptionsMixin training;

    @Mixin
    EvaluationOptions evaluation;

    @Override
    int run(PrintWriter console, PrintWriter err) throws Exception {
        TruthFile.Drawn drawn = truth == null ? null : TruthFile.read(truth); // before the long part: a wrong path fails at once
        if (kind.equals("confidence")) {
            require(run, "--run");
            ConfidenceStudy.run(RunEvaluation.setup(run, evaluation.crops, evaluation.bootstrap, null, engine.loaderThreads,
                    training.preprocessing.overrides(), true, engine.device()), out, drawn, err::println);
            return report(console);
        }
        List<StudySetting> settings = switch (kind) {
            case "data-size" -> Studies.dataSize(training.toOptions(engine.loaderThreads), training.preprocessing.forTraining());
            case "resolution" -> Studies.resolution(training.toOptions(engine.loaderThreads), training.preprocessing.forTraining());
            default -> throw new ParameterException(spec.commandLine(),
                    "unknown study '" + kind + "' (expected data-size, resolution or confidence)");
        };
        require(manifest, "--manifest");
        TrainCommand.ProgressBar bar = new TrainCommand.ProgressBar();
        evaluation.check();
        List<StudyRunner.Outcome> outcomes = StudyRunner.run(manifest, out, settings, evaluation.crops, evaluation.bootstrap,
                engine.device(), bar::show, line -> bar.log(console, line), InterruptToStop.install());
        StudyTable.write(out, kind.equals("data-size") ? "Training-set size (paper's Table 3)" : "Input resolution (paper's Table 4)",
                outcomes, kind.equals("resolution"), evaluation.bootstrap, drawn);
        return report(console);
    }

    private void require(Path value, String option) {
        if (value == null) {
            throw new ParameterException(spec.commandLine(), "study " + kind + " needs " + option);
        }
    }

    private int report(PrintWriter console) throws java.io.IOException {
        console.println(java.nio.file.Files.readString(out.resolve(StudyTable.MARKDOWN)));
        console.println("written to " + out.toAbsolutePath() + " (" + StudyTable.MARKDOWN + ", " + StudyTable.CSV + ", "
                + StudyTable.PLOT + (kind.equals("confidence") ? ", the evaluation)" : ", one folder per setting)"));
        return 0;
    }
}
