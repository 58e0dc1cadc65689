package org.mvdcn.explain;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.mvdcn.exam.Mammogram;

/**
 * Draws a saliency map over its mammogram at the image's own resolution: the mammogram in grey,
 * salient pixels in red. Both scales are set by percentiles, not extremes: the grey window by the
 * 0.5th..99.9th percentile of the image; the red scale runs from the map's 75th percentile
 * (transparent: the weakest three quarters leave the breast readable) to its 99.5th (full red),
 * so a few extreme gradients cannot wash the rest out. The map is smoothed (box blur, radius 3)
 * for display only: the raw gradient has a stride-2 checkerboard that hides its structure.
 */
final class SaliencyOverlay {

    static final double MAP_FLOOR_PERCENTILE = 75;
    static final double MAP_TOP_PERCENTILE = 99.5;
    private static final int BLUR_RADIUS = 3;
    private static final float MAX_ALPHA = 0.85f;

    private SaliencyOverlay() {}

    /** The image in grey with the map in red over it; {@code map} null: the image alone. */
    static BufferedImage render(Mammogram image, float[] map) {
        return render(image.pixels(), map, image.height(), image.width(), BLUR_RADIUS);
    }

    /**
     * The same picture at about {@code width} pixels wide, drawn from block means of the image and
     * the map (an integer factor), so that a small picture costs a small picture's work: the
     * percentiles and the blur then run on the reduced arrays.
     */
    static BufferedImage render(Mammogram image, float[] map, int width) {
        int factor = Math.max(1, image.width() / width);
        if (factor == 1) {
            return render(image, map);
        }
        int h = image.height() / factor;
        int w = image.width() / factor;
        return render(blockMean(image.pixels(), image.height(), image.width(), factor),
                map == null ? null : blockMean(map, image.height(), image.width(), factor), h, w,
                Math.max(1, Math.round((float) BLUR_RADIUS / factor)));
    }

    private static BufferedImage render(float[] grey, float[] map, int h, int w, int blurRadius) {
        float[] window = percentiles(grey, 0.5, 99.9);
        float lo = window[0];
        float hi = Math.max(window[1], lo + 1e-6f);
        float[] smooth = map == null ? null : boxBlur(map, h, w, blurRadius);
        float[] scale = map == null ? new float[] {0, 1} : percentiles(smooth, MAP_FLOOR_PERCENTILE, MAP_TOP_PERCENTILE);
        float floor = scale[0];
        float range = Math.max(scale[1] - floor, Float.MIN_NORMAL);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float g = Math.min(1f, Math.max(0f, (grey[i] - lo) / (hi - lo))) * 255f;
                float a = smooth == null ? 0f : MAX_ALPHA * Math.min(1f, Math.max(0f, (smooth[i] - floor) / range));
                int r = Math.round(g + a * (255f - g));
                int gb = Math.round(g * (1f - a));
                row[x] = (r << 16) | (gb << 8) | gb;
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    /** Means over factor x factor blocks (the last partial row and column of blocks dropped). */
    static float[] blockMean(float[] values, int h, int w, int factor) {
        int oh = h / factor;
        int ow = w / factor;
        float[] out = new float[oh * ow];
        float norm = 1f / (factor * factor);
        for (int y = 0; y < oh * factor; y++) {
            int orow = (y / factor) * ow;
            int row = y * w;
            for (int x = 0; x < ow * factor; x++) {
                out[orow + x / factor] += values[row + x] * norm;
            }
        }
        return out;
    }

    /** The p-th percentiles (nearest rank) of the values, one sort for all. */
    static float[] percentiles(float[] values, double... ps) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        float[] out = new float[ps.length];
        for (int i = 0; i < ps.length; i++) {
            int rank = (int) Math.ceil(ps[i] / 100.0 * sorted.length) - 1;
            out[i] = sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
        }
        return out;
    }

    /** Separable mean filter with a (2r+1) window, clipped at the borders. */
    static float[] boxBlur(float[] values, int h, int w, int r) {
        float[] horizontal = new float[values.length];
        for (int y = 0; y < h; y++) {
            double sum = 0;
            int row = y * w;
            for (int x = 0; x < Math.min(r, w); x++) {
                sum += values[row + x];
            }
            for (int x = 0; x < w; x++) {
                if (x + r < w) {
                    sum += values[row + x + r];
                }
                if (x - r - 1 >= 0) {
                    sum -= values[row + x - r - 1];
                }
                horizontal[row + x] = (float) (sum / (Math.min(w - 1, x + r) - Math.max(0, x - r) + 1));
            }
        }
        float[] out = new float[values.length];
        for (int x = 0; x < w; x++) {
            double sum = 0;
            for (int y = 0; y < Math.min(r, h); y++) {
                sum += horizontal[y * w + x];
            }
            for (int y = 0; y < h; y++) {
                if (y + r < h) {
                    sum += horizontal[(y + r) * w + x];
                }
                if (y - r - 1 >= 0) {
                    sum -= horizontal[(y - r - 1) * w + x];
                }
                out[y * w + x] = (float) (sum / (Math.min(h - 1, y + r) - Math.max(0, y - r) + 1));
            }
        }
        return out;
    }
}
