package org.mvdcn.synth;

import java.util.List;
import java.util.SplittableRandom;
import org.mvdcn.exam.View;

/**
 * Renders one synthetic view in 16-bit detector values, oriented with the chest wall at the left
 * (the caller mirrors right breasts into display orientation). Layers: air background; a
 * compressed breast whose thickness falls off towards the skin line; fat; fibroglandular tissue
 * from multi-scale value noise whose amount follows the patient's density and which concentrates
 * behind the nipple, crossed by thin fibrous strands (ridges of another noise field); in MLO the pectoral muscle as a bright wedge in the upper corner; the
 * findings; then detector noise (Gaussian, growing with the signal like quantum noise).
 */
final class MammogramRenderer {

    static final double AIR = 400;
    static final double FAT = 9000;
    static final double GLAND = 9000;
    static final double MUSCLE = 6000;
    private static final double[] TEXTURE_CELLS = {180, 70, 26, 9};
    private static final double[] TEXTURE_WEIGHTS = {0.45, 0.3, 0.17, 0.08};

    private MammogramRenderer() {}

    /**
     * @param scale pixels per pixel at scale 1 (geometry and texture shrink with it)
     * @param contrast multiplies the findings' brightness (1 as designed)
     * @param shiftY visit-to-visit positioning difference, pixels at scale 1
     */
    static float[] render(int h, int w, double scale, View.Projection projection, BreastAnatomy anatomy,
            List<Finding> findings, double contrast, double shiftY, SplittableRandom noise) {
        float[] image = new float[h * w];
        SplittableRandom textureRng = new SplittableRandom(anatomy.textureSeed() + projection.ordinal());
        ValueNoise[] octaves = new ValueNoise[TEXTURE_CELLS.length];
        for (int o = 0; o < octaves.length; o++) {
            octaves[o] = new ValueNoise(h + 64, w + 64, Math.max(1.5, TEXTURE_CELLS[o] * scale), textureRng);
        }
        ValueNoise strands = new ValueNoise(h + 64, w + 64, Math.max(1.5, 40 * scale), textureRng);
        Geometry g = geometry(h, w, projection, anatomy, shiftY * scale);
        double threshold = 0.35 - 0.55 * anatomy.density(); // more density, more of the field is gland
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double r = g.radius(y, x);
                double value = AIR;
                if (r < 1) {
                    double thickness = Math.sqrt(Math.min(1, (1 - r) / 0.1));
                    double field = 0;
                    for (int o = 0; o < octaves.length; o++) {
                        field += TEXTURE_WEIGHTS[o] * octaves[o].at(y + 32, x + 32);
                    }
                    double depth = x / g.depth;
                    double behindNipple = Math.exp(-(depth - 0.5) * (depth - 0.5) / 0.09) * (1 - 0.6 * r * r);
                    double gland = Math.max(0, Math.min(1, (field - threshold) * 1.6)) * behindNipple;
                    double ridge = 1 - Math.abs(strands.at(y + 32, x + 32));
                    double strand = ridge * ridge * ridge * ridge * ridge * ridge;
                    value = AIR + thickness * (FAT + GLAND * gland + 1500 * field + 2500 * strand * (0.3 + gland));
                }
                if (projection == View.Projection.MLO && x / g.pectoralWidth + y / g.pectoralHeight < 1) {
                    double inside = 1 - (x / g.pectoralWidth + y / g.pectoralHeight);
                    value = Math.max(value, AIR + FAT) + MUSCLE * Math.min(1, inside * 8);
                }
                image[y * w + x] = (float) value;
            }
        }
        for (Finding f : findings) {
            double cx = f.u() * g.depth;
            double cy = g.centreY + f.v() * g.halfHeight * (projection == View.Projection.MLO ? 0.8 : 1);
            f.draw(image, h, w, cy, cx, scale, contrast);
        }
        for (int i = 0; i < image.length; i++) {
            double sigma = noiseSigma(image[i]);
            image[i] = (float) Math.max(0, Math.min(65535, image[i] + sigma * noise.nextGaussian()));
        }
        return image;
    }

    /** The detector noise's standard deviation at a pixel of this brightness: growing with the signal, like quantum noise. */
    static double noiseSigma(double value) {
        return 120 + 0.012 * value;
    }

    /** Where the breast is in this view. */
    private record Geometry(double depth, double halfHeight, double centreY, double tilt, double pectoralWidth,
            double pectoralHeight) {
        /** 0 on the breast's axis at the chest wall, 1 on the skin line. */
        double radius(int y, int x) {
            double dy = (y - centreY - tilt * x) / halfHeight;
            double dx = x / depth;
            return Math.sqrt(dx * dx + dy * dy);
        }
    }

    private static Geometry geometry(int h, int w, View.Projection projection, BreastAnatomy a, double shiftY) {
        if (projection == View.Projection.CC) {
            return new Geometry(a.depth() * w, a.halfHeight() * h, a.centre() * h + shiftY, 0, 1, 1e-9);
        }
        // MLO: taller, reaching up into the axilla, tilted so the upper edge runs along the muscle
        return new Geometry(a.depth() * w * 0.95, a.halfHeight() * h * 1.25, (a.centre() + 0.08) * h + shiftY,
                a.mloTilt(), a.pectoralWidth() * w, a.pectoralHeight() * h);
    }
}
