package org.mvdcn.preprocess;

import org.mvdcn.BadInputException;
import org.mvdcn.exam.Mammogram;

/**
 * One view ready for cropping: standardised on its own (mean 0, population std 1), mirrored if
 * its chest wall was on the right. Standardising happens once; crops are cut from it as often as
 * needed. Padding (where a crop extends past the image) takes the image's darkest standardised
 * value, i.e. the background the image already has, not an artificial mid-grey.
 */
public final class PreparedView {

    private final Mammogram source;
    private final boolean mirrored;
    private final float[] pixels;
    private final float padValue;

    private PreparedView(Mammogram source, boolean mirrored, float[] pixels, float padValue) {
        this.source = source;
        this.mirrored = mirrored;
        this.pixels = pixels;
        this.padValue = padValue;
    }

    public static PreparedView prepare(Mammogram image) {
        float[] p = image.pixels();
        double sum = 0;
        for (float v : p) {
            sum += v;
        }
        double mean = sum / p.length;
        double squares = 0;
        float min = Float.POSITIVE_INFINITY;
        for (float v : p) {
            double d = v - mean;
            squares += d * d;
            min = Math.min(min, v);
        }
        double std = Math.sqrt(squares / p.length);
        if (!(std > 0) || !Double.isFinite(mean)) {
            throw new BadInputException(image.source(), !Double.isFinite(mean)
                    ? "image contains non-finite values"
                    : "constant image (every pixel is " + p[0] + ", standard deviation 0): nothing to standardise");
        }
        boolean mirror = Orientation.chestWallOnRight(image);
        int h = image.height();
        int w = image.width();
        float[] out = new float[p.length];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                out[row + x] = (float) ((p[row + (mirror ? w - 1 - x : x)] - mean) / std);
            }
        }
        return new PreparedView(image, mirror, out, (float) ((min - mean) / std));
    }

    public Mammogram source() {
        return source;
    }

    /** Whether the file's pixels were mirrored left-right to put the chest wall on the left. */
    public boolean mirrored() {
        return mirrored;
    }

    public int height() {
        return source.height();
    }

    public int width() {
        return source.width();
    }

    /** Cuts {@code window} (in oriented image coordinates) out, padding outside the image. */
    public float[] crop(CropWindow window) {
        int h = source.height();
        int w = source.width();
        float[] out = new float[window.height() * window.width()];
        java.util.Arrays.fill(out, padValue);
        int firstColumn = Math.max(0, window.left());
        int lastColumn = Math.min(w, window.left() + window.width());
        if (lastColumn <= firstColumn) {
            return out;
        }
        for (int r = 0; r < window.height(); r++) {
            int y = window.top() + r;
            if (y < 0 || y >= h) {
                continue;
            }
            System.arraycopy(pixels, y * w + firstColumn, out, r * window.width() + firstColumn - window.left(),
                    lastColumn - firstColumn);
        }
        return out;
    }
}
