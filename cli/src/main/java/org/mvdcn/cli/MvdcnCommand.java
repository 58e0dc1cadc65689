package org.mvdcn.cli;

import java.io.PrintWriter;
import org.mvdcn.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: subcommands only. */
@Command(
        name = "mvdcn",
        mixinStandardHelpOptions = true,
        version = "mvdcn 0.1.0",
        description = "Multi-view deep CNN for high-resolution screening mammography (Geras et al. 2017).",
        subcommands = {DemoCommand.class, PredictCommand.class, ExplainCommand.class, SynthCommand.class, ManifestCommand.class, TrainCommand.class, EvaluateCommand.class, StudyCommand.class, CommandLine.HelpCommand.class})
public final class MvdcnCommand implements Runnable {

    /** Exit code for input the system refuses (bad image, bad weights, missing view). */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command (e.g. demo, predict)");
    }

    /** The configured command line; errors map to exit codes here and only here. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new MvdcnCommand());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof BadInputException) {
                err.println("mvdcn: " + e.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (e instanceof IllegalArgumentException) {
                err.println("mvdcn: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            err.println("mvdcn: " + e);
            e.printStackTrace(err);
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cl;
    }
}
