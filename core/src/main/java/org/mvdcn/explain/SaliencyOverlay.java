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

    static BufferedImage render(Mammogram image, float[] map) {
        int h = image.height();
        int w = image.width();
        float[] grey = image.pixels();
        float[] window = percentiles(grey, 0.5, 99.9);
        float lo = window[0];
        float hi = Math.max(window[1], lo + 1e-6f);
        float[] smooth = boxBlur(map, h, w, BLUR_RADIUS);
        float[] scale = percentiles(smooth, MAP_FLOOR_PERCENTILE, MAP_TOP_PERCENTILE);
        float floor = scale[0];
        float range = Math.max(scale[1] - floor, Float.MIN_NORMAL);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float g = Math.min(1f, Math.max(0f, (grey[i] - lo) / (hi - lo))) * 255f;
                float a = MAX_ALPHA * Math.min(1f, Math.max(0f, (smooth[i] - floor) / range));
                int r = Math.round(g + a * (255f - g));
                int gb = Math.round(g * (1f - a));
                row[x] = (r << 16) | (gb << 8) | gb;
            }
            out.setRGB(0, y, w, 1, row, 0, w);
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
