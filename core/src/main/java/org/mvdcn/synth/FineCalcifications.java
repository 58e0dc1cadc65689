package org.mvdcn.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A grouped cluster of fine calcifications whose only evidence is its specks: the finding for a
 * positive control of the paper's claim that full resolution matters.
 *
 * <p>Sizes and counts follow the ACR BI-RADS Atlas, 5th edition (D'Orsi et al., 2013),
 * mammography, calcifications: "grouped" is used from about 5 calcifications within 1 cm of each
 * other (Le Gal et al., Bull Cancer 1984, took 5 or more per cm3 as the suspicious cluster), and the
 * fine forms (punctate, fine pleomorphic, fine linear) are under 0.5 mm across. Here a cluster is 5
 * to 15 calcifications inside a circle 5 to 10 mm across, each 0.1 to 0.5 mm across. At scale 1 a
 * pixel is taken as 0.1 mm (the paper's 2600 x 2000 crop as a 26 x 20 cm field; digital
 * mammography detectors have 0.07 to 0.1 mm pixels), so a calcification is 1 to 5 pixels across.
 * Its peak brightness grows with its diameter, as the calcium's thickness along the beam does:
 * 500 per 0.1 mm, so the smallest lie under twice the detector noise and the largest are as bright
 * as the other microcalcifications.
 *
 * <p>Nothing of the cluster survives coarse sampling but chance: each calcification is its core
 * convolved with (delta - G)^3, G a discrete Gaussian of width {@code rho}, a sixth-order high-pass
 * whose output has exactly zero sum and zero moments up to the fifth. A bright speck with a dark rim,
 * like the halo that the unsharp masking of "for presentation" images leaves around calcifications;
 * but here the region keeps the finding-free breast's mean brightness and spread, so an antialiased
 * down-scaling, which passes on the low moments, passes on almost nothing. (Second order, (delta - G)^2,
 * left a peak of twice the detector noise at 1/4; a third power keeps 70% of a speck's peak.)
 * bench/RESULTS.md (issue 28) measures it.
 */
final class FineCalcifications {

    static final int MIN_COUNT = 5;
    static final int MAX_COUNT = 15;
    static final double MIN_DIAMETER_MM = 0.1;
    static final double MAX_DIAMETER_MM = 0.5;
    static final double MIN_CLUSTER_MM = 5;
    static final double MAX_CLUSTER_MM = 10;
    /** Pixel spacing at scale 1. */
    static final double MM_PER_PIXEL = 0.1;
    private static final double PEAK_PER_MM = 5000;
    /** The power of the high-pass (delta - G) and its binomial coefficients. */
    private static final int ORDER = 3;
    private static final int[] BINOMIAL = {1, 3, 3, 1};
    /** A Gaussian with this full width at half maximum over its standard deviation. */
    private static final double FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2));

    private FineCalcifications() {}

    /** One cluster's calcifications, relative to its centre (pixels at scale 1). */
    static List<Finding.Blob> random(SplittableRandom rng) {
        int n = MIN_COUNT + rng.nextInt(MAX_COUNT - MIN_COUNT + 1);
        double radius = (MIN_CLUSTER_MM + (MAX_CLUSTER_MM - MIN_CLUSTER_MM) * rng.nextDouble()) / 2 / MM_PER_PIXEL;
        List<Finding.Blob> blobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double r = radius * Math.sqrt(rng.nextDouble());
            double a = 2 * Math.PI * rng.nextDouble();
            double diameter = MIN_DIAMETER_MM + (MAX_DIAMETER_MM - MIN_DIAMETER_MM) * rng.nextDouble();
            blobs.add(new Finding.Blob(r * Math.sin(a), r * Math.cos(a), diameter / MM_PER_PIXEL / FWHM_PER_SIGMA,
                    PEAK_PER_MM * diameter, 0, 0, false));
        }
        return blobs;
    }

    /** A calcification's diameter in mm, from its element. */
    static double diameterMm(Finding.Blob b) {
        return b.sigma() * FWHM_PER_SIGMA * MM_PER_PIXEL;
    }

    /**
     * The rim's width in pixels of the rendered image: no narrower than a pixel, which the grid
     * needs to hold it, nor than the core, whose brightness a narrower rim would mostly cancel.
     */
    private static double rho(Finding.Blob b, double scale) {
        return Math.max(1, Finding.renderedSigma(b, scale));
    }

    /** Half the width of G's discrete kernel: the moments cancel for any symmetric kernel, so 3 rho is enough. */
    private static int kernelHalf(double rho) {
        return (int) Math.ceil(3 * rho);
    }

    /** How far from its centre a calcification with its rim reaches (G is applied {@link #ORDER} times). */
    static double reach(Finding.Blob b, double scale) {
        return Finding.blobReach(b, scale) + ORDER * kernelHalf(rho(b, scale)) + 1;
    }

    /** Adds one calcification, core and rim, at (cy, cx) plus its offset to {@code image} (h x w). */
    static void draw(Finding.Blob b, float[] image, int h, int w, double cy, double cx, double scale, double contrast) {
        int half = (int) Math.ceil(reach(b, scale));
        int size = 2 * half + 1;
        int top = (int) Math.floor(cy + b.dy() * scale) - half;
        int left = (int) Math.floor(cx + b.dx() * scale) - half;
        float[] drawn = new float[size * size];
        Finding.drawBlob(b, drawn, size, size, cy - top, cx - left, scale, contrast);
        double[] core = new double[drawn.length];
        for (int i = 0; i < drawn.length; i++) {
            core[i] = drawn[i];
        }
        // (delta - G)^3 = 1 - 3 G + 3 G^2 - G^3
        double[] highPass = core.clone();
        double[] blurred = core;
        for (int k = 1; k <= ORDER; k++) {
            blurred = blur(blurred, size, rho(b, scale));
            double weight = (k % 2 == 1 ? -1 : 1) * BINOMIAL[k];
            for (int i = 0; i < highPass.length; i++) {
                highPass[i] += weight * blurred[i];
            }
        }
        for (int y = 0; y < size; y++) {
            int iy = top + y;
            if (iy < 0 || iy >= h) {
                continue;
            }
            for (int x = 0; x < size; x++) {
                int ix = left + x;
                if (ix >= 0 && ix < w) {
                    image[iy * w + ix] += (float) highPass[y * size + x];
                }
            }
        }
    }

    /** Separable convolution with a normalised, symmetric Gaussian kernel; the patch is wide enough that nothing leaves it. */
    private static double[] blur(double[] in, int size, double rho) {
        int k = kernelHalf(rho);
        double[] kernel = new double[2 * k + 1];
        double sum = 0;
        for (int i = -k; i <= k; i++) {
            kernel[i + k] = Math.exp(-i * i / (2 * rho * rho));
            sum += kernel[i + k];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        double[] rows = new double[in.length];
        double[] out = new double[in.length];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double acc = 0;
                for (int i = Math.max(-k, -x); i <= Math.min(k, size - 1 - x); i++) {
                    acc += kernel[i + k] * in[y * size + x + i];
                }
                rows[y * size + x] = acc;
            }
        }
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double acc = 0;
                for (int i = Math.max(-k, -y); i <= Math.min(k, size - 1 - y); i++) {
                    acc += kernel[i + k] * rows[(y + i) * size + x];
                }
                out[y * size + x] = acc;
            }
        }
        return out;
    }
}
