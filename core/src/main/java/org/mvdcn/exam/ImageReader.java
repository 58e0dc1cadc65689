package org.mvdcn.exam;

import java.nio.file.Path;

/** Decodes an exam's image file: by its format's reader, or from what the exam's source already read of it. */
@FunctionalInterface
public interface ImageReader {

    /**
     * Decodes the file, with {@code intensity} where the format has a choice of grey values; bad
     * input throws {@link org.mvdcn.BadInputException} naming the file and the problem.
     */
    Mammogram read(Path file, IntensityMode intensity);
}
