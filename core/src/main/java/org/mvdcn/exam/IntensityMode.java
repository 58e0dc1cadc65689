package org.mvdcn.exam;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mvdcn.EnumLabels;

/**
 * Which grey values a DICOM mammogram is read as. The reference implementation trained on the
 * stored values, so that is the default; a VOI LUT or window changes the intensity distribution
 * the network sees and is applied only on request. Part of a model's preprocessing, so a model is
 * always fed the grey values it was trained on. PNG files have one reading and ignore it.
 */
public enum IntensityMode {
    /** Stored values through the modality rescale (slope, intercept). */
    STORED,
    /** Then the file's VOI LUT, or else its first window (centre, width). */
    VOI;

    @JsonCreator
    public static IntensityMode parse(String text) {
        return EnumLabels.parse(IntensityMode.class, text, "DICOM intensity mode");
    }

    /** The name as options and files spell it. */
    @JsonValue
    public String label() {
        return EnumLabels.of(this);
    }
}
