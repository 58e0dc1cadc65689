package org.mvdcn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.mvdcn.train.PostTrainingStep;
import org.mvdcn.train.RunCalibration;
import org.mvdcn.train.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mvdcn calibrate}: fit a trained run's temperature again, as training does at its end. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Fit temperature scaling on a run's validation split (one scalar T minimising the cross-entropy of the "
                + "crop-averaged softmax(logits / T)) and store it in RUN/run.json and RUN/best.safetensors' metadata; "
                + "training does this at its end.")
public final class CalibrateCommand extends EngineCommand {

    @Option(names = "--run", required = true, paramLabel = "RUN", description = "A finished training run.")
    Path run;

    @Option(names = "--crops", defaultValue = "" + RunCalibration.CROPS, paramLabel = "N",
            description = "Random crop sets averaged per validation exam, as evaluate averages a test exam's.")
    int crops;

    @Override
    int run(PrintWriter console, PrintWriter err) throws Exception {
        var record = PostTrainingStep.run(run, List.of(new RunCalibration(crops)), engine.loaderThreads, engine.device(),
                err::println);
        RunFolder folder = new RunFolder(run);
        console.println(record.calibration().describe());
        console.println("written to " + folder.record().toAbsolutePath() + " and " + folder.best().toAbsolutePath());
        return 0;
    }
}
