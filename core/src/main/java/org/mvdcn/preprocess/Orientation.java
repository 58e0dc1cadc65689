package org.mvdcn.preprocess;

import org.mvdcn.exam.Mammogram;

/**
 * Decides whether an image must be mirrored so that its chest wall is at the left edge. Files
 * come both ways (display orientation puts a right breast's chest wall on the right; some
 * pipelines, like the sample exam's, have already mirrored them). What the file states wins
 * (DICOM PatientOrientation, SPEC section 2); otherwise the decision is made from the pixels: the
 * chest wall is on the side holding more tissue, which is brighter than the air outside the breast.
 */
public final class Orientation {

    private Orientation() {}

    /** True when the file puts the chest wall on the right, or, unstated, the right half holds more signal. */
    public static boolean chestWallOnRight(Mammogram image) {
        if (image.chestWall() != Mammogram.ChestWall.UNSTATED) {
            return image.chestWall() == Mammogram.ChestWall.RIGHT;
        }
        return signalOnRight(image) > 0.5;
    }

    /** The right half's share of the image's signal (0.5: balanced; a breast puts most of it on its chest wall's side). */
    public static double signalOnRight(Mammogram image) {
        int w = image.width();
        int half = w / 2;
        double left = 0;
        double right = 0;
        float[] p = image.pixels();
        for (int y = 0; y < image.height(); y++) {
            int row = y * w;
            for (int x = 0; x < half; x++) {
                left += p[row + x];
                right += p[row + w - 1 - x];
            }
        }
        return left + right > 0 ? right / (left + right) : 0.5;
    }
}
