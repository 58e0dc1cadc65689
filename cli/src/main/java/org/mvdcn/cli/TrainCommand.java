package org.mvdcn.cli;

import java.io.PrintWriter;

import java.nio.file.Path;
import org.mvdcn.train.RunFolder;
import org.mvdcn.train.TrainingListener;
import org.mvdcn.train.TrainingOptions;
import org.mvdcn.train.TrainingRun;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mvdcn train}: train the multi-view network on a manifest, as the paper did. */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Train on a manifest's training split, validate every epoch, keep the best model (RUN/best.safetensors). "
                + "Checkpoints after every epoch; --resume RUN continues a stopped run (--extend-to N: a finished one, "
                + "up to N epochs in all).")
public final class TrainCommand extends EngineCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @ArgGroup(exclusive = false)
        Fresh fresh;

        @Option(names = "--resume", paramLabel = "RUN", description = "Continue the run in RUN from its last checkpoint.")
        Path resume;
    }

    static final class Fresh {
        @Option(names = "--manifest", required = true, paramLabel = "CSV", description = "The manifest to train on.")
        Path manifest;

        @Option(names = "--out", required = true, paramLabel = "RUN", description = "Folder for the run (must be new).")
        Path out;
    }

    @Option(names = "--extend-to", paramLabel = "N", description = "With --resume: train up to N epochs in all.")
    Integer extendTo;

    @Mixin
    TrainingOptionsMixin training;

    @Override
    int run(PrintWriter console, PrintWriter err) throws Exception {
        ProgressBar bar = new ProgressBar();
        TrainingRun.Result result;
        if (extendTo != null && target.resume == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--extend-to needs --resume RUN");
        }
        // Ctrl-C finishes the step and writes a checkpoint; a kill loses at most the work since the last one (atomic writes)
        InterruptToStop stop = InterruptToStop.install();
        if (target.resume != null) {
            result = TrainingRun.resume(target.resume, extendTo, engine.device(), bar::show, line -> bar.log(console, line), stop);
        } else {
            TrainingOptions options = training.toOptions(engine.loaderThreads);
            result = TrainingRun.start(target.fresh.manifest, target.fresh.out, options, training.preprocessing.forTraining(),
                    engine.device(), bar::show,
                    line -> bar.log(console, line), stop);
        }
        console.printf("best epoch %d, validation macAUC %.4f -> %s%n", result.bestEpoch(), result.bestValidationMacAuc(),
                new RunFolder(result.run()).best());
        return 0;
    }

    /** Renders training progress on one stderr line; log lines go above it. */
    static final class ProgressBar {
        private long last;

        void show(TrainingListener.BatchEnd p) {
            long now = System.nanoTime();
            if (!ProgressLine.due(last, now, p.exams() >= p.examsInEpoch())) {
                return;
            }
            last = now;
            int width = 24;
            int filled = (int) Math.round(width * (double) p.exams() / p.examsInEpoch());
            System.err.printf("%sepoch %d/%d [%s%s] %d/%d exams, loss %.4f, %.1f exams/s, ETA %s   %s",
                    ProgressLine.TERMINAL ? "\r" : "", p.epoch(), p.epochs(),
                    "=".repeat(filled), " ".repeat(width - filled), p.exams(), p.examsInEpoch(), p.meanLoss(), p.examsPerSecond(),
                    eta(p.etaSeconds()), ProgressLine.TERMINAL ? "" : "\n");
            System.err.flush();
        }

        void log(java.io.PrintWriter out, String line) {
            if (ProgressLine.TERMINAL) {
                System.err.print("\r" + " ".repeat(100) + "\r");
            }
            out.println(line);
            out.flush();
        }

        private static String eta(double seconds) {
            long s = Math.round(seconds);
            return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : String.format("%dm%02ds", s / 60, s % 60);
        }
    }
}
