package org.mvdcn;

import java.nio.file.Path;

/** Bad input of the plainest kind: a file or folder the command needs is not there. */
public class MissingFileException extends BadInputException {

    public MissingFileException(Path file, String what) {
        super(file, what + " not found");
    }
}
