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
    private final float mean;
    private final float scale;
    private final float padValue;

    /**
     * Standardising is (pixel - mean) x scale in float arithmetic, which the JIT vectorises: a crop
     * of 2600x2000 in 8-10 ms, where double arithmetic with a division per pixel took 40 ms (40
     * crops per 10-crop exam: 1.2 s saved). The values differ from the double computation's by at
     * most 3e-7 of their size; the reference standardises in float32 too.
     */
    private PreparedView(Mammogram source, boolean mirrored, double mean, double std, Padding padding, float min) {
        this.source = source;
        this.mirrored = mirrored;
        this.mean = (float) mean;
        this.scale = (float) (1 / std);
        // the same arithmetic as the pixels', so padding equals the image's own darkest value
        this.padValue = padding == Padding.MEAN ? 0f : (min - this.mean) * scale;
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
        return new PreparedView(image, Orientation.chestWallOnRight(image), mean, std, padding, min);
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
        int left = window.left();
        int firstColumn = Math.max(0, left);
        int lastColumn = Math.min(w, left + window.width());
        int columns = Math.max(0, lastColumn - firstColumn);
        for (int r = 0; r < window.height(); r++) {
            int y = window.top() + r;
            if (y < 0 || y >= h || columns == 0) {
                Arrays.fill(row, padValue);
            } else {
                Arrays.fill(row, 0, firstColumn - left, padValue);
                Arrays.fill(row, lastColumn - left, row.length, padValue);
                if (mirrored) {
                    // column x reads source column w - 1 - x: walk the source forward, the row backward
                    int from = y * w + w - lastColumn;
                    int to = lastColumn - 1 - left;
                    for (int i = 0; i < columns; i++) {
                        row[to - i] = (pixels[from + i] - mean) * scale;
                    }
                } else {
                    int from = y * w + firstColumn;
                    int to = firstColumn - left;
                    for (int i = 0; i < columns; i++) {
                        row[to + i] = (pixels[from + i] - mean) * scale;
                    }
                }
            }
            out.put(row);
        }
    }
}
