package org.mvdcn.cli;

import org.mvdcn.ExitCodes;
import org.mvdcn.MvdcnVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: subcommands only. */
@Command(
        name = "mvdcn",
        mixinStandardHelpOptions = true,
        versionProvider = MvdcnCommand.Version.class,
        description = "Multi-view deep CNN for high-resolution screening mammography (Geras et al. 2017).",
        subcommands = {DemoCommand.class, PredictCommand.class, ExplainCommand.class, SynthCommand.class, ManifestCommand.class, TrainCommand.class, CalibrateCommand.class, OodCommand.class, EvaluateCommand.class, ScoreCommand.class, StudyCommand.class, ServeCommand.class, CardCommand.class, LayerStatsCommand.class, CommandLine.HelpCommand.class})
public final class MvdcnCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command (e.g. demo, predict)");
    }

    /** What the build recorded: the version alone would not tell two builds of a snapshot apart. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {MvdcnVersion.line()};
        }
    }

    /** The configured command line; failures map to exit codes in {@link ExitCodes} alone. */
    public static CommandLine commandLine() {
        return ExitCodes.install(new CommandLine(new MvdcnCommand()));
    }
}
