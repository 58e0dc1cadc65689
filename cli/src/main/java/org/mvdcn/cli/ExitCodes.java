package org.mvdcn.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.mvdcn.BadInputException;
import org.mvdcn.MissingFileException;
import org.mvdcn.UsageException;
import org.mvdcn.train.TrainingRun;
import picocli.CommandLine;

/**
 * Every kind of failure and its exit code, in this one place (BSD sysexits.h, so scripts around
 * mvdcn can tell a wrong call from bad data from a bug): 64 usage, 65 bad input data, 66 a missing
 * input file, 70 an internal error, 74 a file that cannot be written or read, 130 stopped by Ctrl-C
 * after a checkpoint.
 */
final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {

    static final int USAGE = 64;
    static final int BAD_INPUT = 65;
    static final int MISSING_FILE = 66;
    static final int INTERNAL = 70;
    static final int IO = 74;
    static final int INTERRUPTED = 130;

    @Override
    public int getExitCode(Throwable e) {
        return of(e);
    }

    static int of(Throwable e) {
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
    static boolean isInternal(Throwable e) {
        return of(e) == INTERNAL;
    }
}
