package org.mvdcn.preprocess;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.mvdcn.UsageException;

/** What a crop holds where it extends past its image (an image smaller than the crop, SPEC section 2). */
public enum Padding {
    /** The image's darkest standardised value: the background the image already has (mvdcn's default). */
    BACKGROUND,
    /** 0 after standardisation, i.e. the image's mean: what zero-padding a standardised tensor gives. */
    MEAN;

    @JsonCreator
    public static Padding parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "background" -> BACKGROUND;
            case "mean" -> MEAN;
            default -> throw new UsageException("unknown padding '" + text + "' (expected background or mean)");
        };
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
