package org.mvdcn;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.mvdcn.train.TrainingRun;
import picocli.CommandLine;

/**
 * Every kind of failure and its exit code, in this one place (BSD sysexits.h, so scripts around
 * mvdcn can tell a wrong call from bad data from a bug): 64 usage, 65 bad input data, 66 a missing
 * input file, 70 an internal error, 74 a file that cannot be written or read, 130 stopped by Ctrl-C
 * after a checkpoint. Here in core because two programs exit with them: {@code ./mvdcn} and the
 * Spark scorer that spark-submit runs.
 */
public final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {

    public static final int USAGE = 64;
    public static final int BAD_INPUT = 65;
    public static final int MISSING_FILE = 66;
    public static final int INTERNAL = 70;
    public static final int IO = 74;
    public static final int INTERRUPTED = 130;

    /**
     * {@code cl} with its failures mapped to these codes and told as mvdcn tells them: the message
     * alone, with the stack trace only for what mvdcn did not expect.
     */
    public static CommandLine install(CommandLine cl) {
        cl.setExitCodeExceptionMapper(new ExitCodes());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (isInternal(e)) {
                err.println("mvdcn: internal error: " + e);
                e.printStackTrace(err);
            } else {
                err.println("mvdcn: " + e.getMessage());
            }
            return of(e);
        });
        return cl;
    }

    @Override
    public int getExitCode(Throwable e) {
        return of(e);
    }

    public static int of(Throwable e) {
        if (e instanceof CommandLine.ParameterException || e instanceof UsageException) {
            return USAGE;
        }
        if (e instanceof MissingFileException) {
            return MISSING_FILE;
        }
        if (e instanceof BadInputException) {
            return BAD_INPUT;
        }
        if (e instanceof TrainingRun.Stopped) {
            return INTERRUPTED;
        }
        if (e instanceof UncheckedIOException || e instanceof IOException) {
            return IO;
        }
        return INTERNAL;
    }

    /** Whether the user needs the stack trace: only for what mvdcn did not expect. */
    public static boolean isInternal(Throwable e) {
        return of(e) == INTERNAL;
    }
}
