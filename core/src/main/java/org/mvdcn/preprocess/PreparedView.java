package org.mvdcn.preprocess;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.mvdcn.BadInputException;
import org.mvdcn.exam.Mammogram;

/**
 * One view ready for cropping: standardised on its own (mean 0, population std 1), mirrored if
 * its chest wall was on the right. Only the statistics and the orientation are kept; crops apply
 * them as they copy pixels out of the source image, so a view costs no second full-size copy.
 * Padding (where a crop extends past the image) is chosen by {@link Padding}: by default the
 * image's darkest standardised value, i.e. the background the image already has.
 */
public final class PreparedView {

    private final Mammogram source;
    private final boolean mirrored;
    private final double mean;
    private final double std;
    private final float padValue;

    private PreparedView(Mammogram source, boolean mirrored, double mean, double std, float padValue) {
        this.source = source;
        this.mirrored = mirrored;
        this.mean = mean;
        this.std = std;
        this.padValue = padValue;
    }

    public static PreparedView prepare(Mammogram image, Padding padding) {
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
        float pad = padding == Padding.MEAN ? 0f : (float) ((min - mean) / std);
        return new PreparedView(image, Orientation.chestWallOnRight(image), mean, std, pad);
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

    /** Cuts {@code window} (in oriented image coordinates) out, standardised, padding outside the image. */
    public float[] crop(CropWindow window) {
        float[] out = new float[window.height() * window.width()];
        crop(window, FloatBuffer.wrap(out));
        return out;
    }

    /**
     * Writes the crop row by row into {@code out} from its position on; used with a direct buffer
     * that becomes the network's input without a further copy.
     */
    public void crop(CropWindow window, FloatBuffer out) {
        int h = source.height();
        int w = source.width();
        float[] pixels = source.pixels();
        float[] row = new float[window.width()];
        int firstColumn = Math.max(0, window.left());
        int lastColumn = Math.min(w, window.left() + window.width());
        for (int r = 0; r < window.height(); r++) {
            Arrays.fill(row, padValue);
            int y = window.top() + r;
            if (y >= 0 && y < h) {
                int from = y * w;
                for (int x = firstColumn; x < lastColumn; x++) {
                    row[x - window.left()] = (float) ((pixels[from + (mirrored ? w - 1 - x : x)] - mean) / std);
                }
            }
            out.put(row);
        }
    }
}
