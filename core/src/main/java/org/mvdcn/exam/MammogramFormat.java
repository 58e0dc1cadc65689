package org.mvdcn.exam;

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
}
