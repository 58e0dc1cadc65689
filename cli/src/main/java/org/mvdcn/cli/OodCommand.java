package org.mvdcn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.mvdcn.eval.ShiftReport;
import org.mvdcn.train.ModelCard;
import org.mvdcn.train.PostTrainingStep;
import org.mvdcn.train.RunFeatureDistribution;
import org.mvdcn.train.RunFolder;
import org.mvdcn.train.RunShiftDetection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mvdcn ood}: fit a trained run's out-of-distribution check again, as training does at its
 * end, and with {@code --shifts} measure what it detects; the model card is written again with it.
 */
@Command(name = "ood", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Fit the out-of-distribution check on a run's training and validation exams (each measured layer's "
                + "statistics, their distribution over the training images, the threshold at the validation scores' 99th "
                + "percentile) and store it in RUN/run.json and RUN/best.safetensors' metadata; training does this at its end. "
                + "Models trained before the multi-depth check need it once. The model card is written again.")
public final class OodCommand extends EngineCommand {

    @Option(names = "--run", required = true, paramLabel = "RUN", description = "A finished training run.")
    Path run;

    @Option(names = "--shifts", description = "After the fit, score the run's labelled test exams unshifted and made unlike the "
            + "training exams in every shift family (the model card lists them); record per family the AUROC, the share flagged "
            + "and the median score, and the false alarms on the unshifted exams, in RUN/ood-shifts.json and the model card.")
    boolean shifts;

    @Option(names = "--shift-seeds", split = ",", defaultValue = "1,2,3", paramLabel = "S",
            description = "With --shifts: the seeds each family is drawn with (the noise, the shapes); the card gives each family's "
                    + "lowest figures over them.")
    List<Long> shiftSeeds;

    @Override
    int run(PrintWriter console, PrintWriter err) throws Exception {
        // the test exams are found before the fit, so a run without them fails in seconds, not after it
        RunShiftDetection detection = shifts ? RunShiftDetection.of(run) : null;
        var record = PostTrainingStep.run(run, List.of(new RunFeatureDistribution()), engine.loaderThreads, engine.device(),
                err::println);
        RunFolder folder = new RunFolder(run);
        console.println(record.ood().describe());
        console.println("written to " + folder.record().toAbsolutePath() + " and " + folder.best().toAbsolutePath());
        if (detection != null) {
            ProgressLine progress = new ProgressLine("shifted test exams", "passes");
            ShiftReport report = detection.measure(shiftSeeds, engine.device(), progress::update, err::println);
            report.write(folder.oodShifts());
            console.print(report.markdown());
            console.println("written to " + folder.oodShifts().toAbsolutePath());
        }
        console.println("model card: " + ModelCard.write(run, folder.evaluation()));
        return 0;
    }
}
