package org.mvdcn.dicom;

/**
 * Which grey values a DICOM mammogram is read as. The reference implementation trained on the
 * stored values, so that is the default; a VOI LUT or window changes the intensity distribution
 * the network sees and is applied only on request.
 */
public enum IntensityMode {
    /** Stored values through the modality rescale (slope, intercept). */
    STORED,
    /** Then the file's VOI LUT, or else its first window (centre, width). */
    VOI;

    /** The system property that sets the mode for files read through manifests ({@code stored} or {@code voi}). */
    public static final String PROPERTY = "mvdcn.dicom.intensity";

    public static IntensityMode fromProperty() {
        return parse(System.getProperty(PROPERTY, "stored"));
    }

    public static IntensityMode parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "stored" -> STORED;
            case "voi" -> VOI;
            default -> throw new IllegalArgumentException("unknown DICOM intensity mode '" + text + "' (expected stored or voi)");
        };
    }
}
