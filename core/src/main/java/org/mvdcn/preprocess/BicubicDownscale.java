package org.mvdcn.preprocess;

import org.mvdcn.exam.Mammogram;

/**
 * Down-scales an image by an integer factor with a bicubic (Keys, a = -0.5) filter stretched by
 * the factor, i.e. antialiased the way PIL's and OpenCV's area-aware bicubic resize are. Written
 * here because the JDK's bicubic interpolation samples without a low-pass (it aliases fine
 * detail into false texture, which would bias the resolution study) and libtorch's antialiased
 * bicubic is not reachable through DJL.
 */
public final class BicubicDownscale {

    private BicubicDownscale() {}

    /** The image at 1/{@code factor} of its size in each dimension (rounded), same source file. */
    public static Mammogram apply(Mammogram image, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1, got " + factor);
        }
        if (factor == 1) {
            return image;
        }
        int h = image.height();
        int w = image.width();
        int outH = Math.max(1, Math.round((float) h / factor));
        int outW = Math.max(1, Math.round((float) w / factor));
        float[] rows = new float[h * outW];
        Kernel columns = new Kernel(w, outW);
        for (int y = 0; y < h; y++) {
            columns.resample(image.pixels(), y * w, 1, rows, y * outW, 1);
        }
        float[] out = new float[outH * outW];
        Kernel vertical = new Kernel(h, outH);
        for (int x = 0; x < outW; x++) {
            vertical.resample(rows, x, outW, out, x, outW);
        }
        return new Mammogram(image.source(), outH, outW, out, image.chestWall());
    }

    /** Precomputed weights mapping {@code in} samples to {@code out} samples. */
    private static final class Kernel {
        private final int[] first;
        private final float[][] weights;

        Kernel(int in, int out) {
            double scale = (double) in / out;
            double support = 2 * scale; // bicubic reaches 2 samples; stretched by the factor
            first = new int[out];
            weights = new float[out][];
            for (int o = 0; o < out; o++) {
                double centre = (o + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(centre - support));
                int hi = Math.min(in - 1, (int) Math.ceil(centre + support));
                float[] wts = new float[hi - lo + 1];
                double sum = 0;
                for (int i = lo; i <= hi; i++) {
                    double v = keys((i + 0.5 - centre) / scale);
                    wts[i - lo] = (float) v;
                    sum += v;
                }
                for (int k = 0; k < wts.length; k++) {
                    wts[k] /= (float) sum;
                }
                first[o] = lo;
                weights[o] = wts;
            }
        }

        void resample(float[] src, int srcOffset, int srcStride, float[] dst, int dstOffset, int dstStride) {
            for (int o = 0; o < first.length; o++) {
                float[] wts = weights[o];
                int start = srcOffset + first[o] * srcStride;
                double acc = 0;
                for (int k = 0; k < wts.length; k++) {
                    acc += wts[k] * src[start + k * srcStride];
                }
                dst[dstOffset + o * dstStride] = (float) acc;
            }
        }

        /** Keys' cubic convolution kernel with a = -0.5. */
        private static double keys(double t) {
            double x = Math.abs(t);
            if (x < 1) {
                return (1.5 * x - 2.5) * x * x + 1;
            }
            if (x < 2) {
                return ((-0.5 * x + 2.5) * x - 4) * x + 2;
            }
            return 0;
        }
    }
}
