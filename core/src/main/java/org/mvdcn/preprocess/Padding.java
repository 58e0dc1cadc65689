package org.mvdcn.preprocess;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mvdcn.EnumLabels;

/** What a crop holds where it extends past its image (an image smaller than the crop, SPEC section 2). */
public enum Padding {
    /** The image's darkest standardised value: the background the image already has (mvdcn's default). */
    BACKGROUND,
    /** 0 after standardisation, i.e. the image's mean: what zero-padding a standardised tensor gives. */
    MEAN;

    @JsonCreator
    public static Padding parse(String text) {
        return EnumLabels.parse(Padding.class, text, "padding");
    }

    @JsonValue
    public String label() {
        return EnumLabels.of(this);
    }
}
