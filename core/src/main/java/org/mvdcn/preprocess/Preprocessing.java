package org.mvdcn.preprocess;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.mvdcn.exam.IntensityMode;
import org.mvdcn.model.ColumnLayout;
import org.mvdcn.UsageException;

/**
 * Everything that turns an image file into the network's input, recorded with every model (in
 * run.json and in the weights file) so that training, validation, evaluate, predict, explain, the
 * benchmarks, the service and the Spark scorer feed a model exactly what it was trained on.
 *
 * @param downscale integer bicubic down-scaling of each image before cropping (1; the resolution study uses 2, 4, 8)
 * @param cropHeight crop height after down-scaling (2600 in the paper)
 * @param cropWidth crop width after down-scaling (2000)
 * @param maxShift the largest random translation of a crop, pixels after down-scaling (100 at full size, SPEC section 2)
 * @param dicomIntensity which grey values a DICOM file is read as
 * @param padding what a crop holds past its image's border
 */
public record Preprocessing(int downscale, int cropHeight, int cropWidth, int maxShift, IntensityMode dicomIntensity,
        Padding padding) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Preprocessing {
        if (downscale < 1 || maxShift < 0) {
            throw new UsageException("down-scaling must be at least 1 and the crop shift not negative, got "
                    + downscale + " and " + maxShift);
        }
        if (cropHeight < ColumnLayout.KERNEL || cropWidth < ColumnLayout.KERNEL) {
            throw new UsageException("crop " + cropHeight + "x" + cropWidth + " is smaller than one 3x3 kernel");
        }
        if (dicomIntensity == null || padding == null) {
            throw new UsageException("preprocessing needs a DICOM intensity mode and a padding");
        }
    }

    /** The paper's: full resolution, a 2600x2000 crop shifted by up to 100 pixels, stored DICOM values. */
    public static Preprocessing paper() {
        return of(1, 2600, 2000);
    }

    /** A crop of {@code cropHeight x cropWidth} after down-scaling by {@code downscale}, the shift bound scaled with it. */
    public static Preprocessing of(int downscale, int cropHeight, int cropWidth) {
        return new Preprocessing(downscale, cropHeight, cropWidth, scaledShift(downscale), IntensityMode.STORED, Padding.BACKGROUND);
    }

    /** 100 pixels at full size, fewer in a down-scaled image (at least 1). */
    public static int scaledShift(int downscale) {
        return Math.max(1, CropPlacement.MAX_SHIFT / downscale);
    }

    /** The same with another down-scaling and crop; the shift bound follows the down-scaling. */
    public Preprocessing withCrop(int newDownscale, int height, int width) {
        return new Preprocessing(newDownscale, height, width, scaledShift(newDownscale), dicomIntensity, padding);
    }

    public Preprocessing withDicomIntensity(IntensityMode mode) {
        return new Preprocessing(downscale, cropHeight, cropWidth, maxShift, mode, padding);
    }

    public Preprocessing withPadding(Padding p) {
        return new Preprocessing(downscale, cropHeight, cropWidth, maxShift, dicomIntensity, p);
    }

    /** One line for notes: {@code downscale 10, crop 260x200, shift <= 10, DICOM stored, padding background}. */
    public String describe() {
        return "downscale " + downscale + ", crop " + cropHeight + "x" + cropWidth + ", shift <= " + maxShift + ", DICOM "
                + dicomIntensity.label() + ", padding " + padding.label();
    }

    /** As stored in a weights file's metadata. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Preprocessing fromJson(String json) throws IOException {
        return JSON.readValue(json, Preprocessing.class);
    }
}
