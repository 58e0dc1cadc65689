package org.mvdcn;

import java.nio.file.Path;

/**
 * Input the system refuses: a missing view, an undecodable image, a weights file that does not
 * fit the network. The message always names the file and the problem in one line, so a user (or
 * the script around them) can act on it without a stack trace.
 */
public class BadInputException extends RuntimeException {

    private final Path file;
    private final String problem;

    public BadInputException(Path file, String problem) {
        this(file, problem, null);
    }

    public BadInputException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file (or folder) the problem is in. */
    public Path file() {
        return file;
    }

    /** The problem without the file: what summaries count files by. */
    public String problem() {
        return problem;
    }
}
