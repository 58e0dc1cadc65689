package org.mvdcn.exam;

import java.nio.file.Path;

/**
 * One file format mammograms arrive in. PNG is built in; other modules add formats (DICOM) as
 * {@link java.util.ServiceLoader} providers, so that core reads whatever is on the class path
 * without depending on those modules.
 */
public interface MammogramFormat extends ImageReader {

    /** The format's name for messages ("PNG", "DICOM"). */
    String name();

    /** Whether a file starting with {@code head} (its first {@link MammogramFiles#HEAD_BYTES} bytes, fewer if shorter) is of this format. */
    boolean accepts(byte[] head);

    /**
     * What the file states of its equipment and pixel spacing, read from its header alone (the
     * training images' are recorded in the model without decoding them again); null when the
     * format states none, as PNG.
     */
    default Acquisition acquisition(Path file) {
        return null;
    }
}
