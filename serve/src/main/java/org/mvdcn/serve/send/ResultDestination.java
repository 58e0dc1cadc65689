package org.mvdcn.serve.send;

import java.nio.file.Path;
import java.util.List;

/** Where a study's result objects go: the PACS, by DIMSE or DICOMweb. */
public interface ResultDestination {

    /** Stores every file, or throws saying which failed and why. Storing the same objects again is harmless. */
    void store(List<Path> files) throws Exception;

    /** For the log: where it sends to. */
    String describe();
}
