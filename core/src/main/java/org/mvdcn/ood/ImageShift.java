package org.mvdcn.ood;

import ai.djl.Device;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;

/**
 * Families of images unlike the training exams, made from in-distribution exams: what the
 * out-of-distribution check is measured on (bench/RESULTS.md) and tested against. Each keeps the
 * file's size and type, so only the check can tell. Resampling and blurring are libtorch's.
 */
public enum ImageShift {
    /** Bright and dark swapped: a MONOCHROME1 image read as MONOCHROME2. */
    INVERTED("intensities inverted") {
        @Override
        float[] apply(Mammogram m, Random random) {
            float[] range = range(m.pixels());
            float[] out = new float[m.pixels().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = range[0] + range[1] - m.pixels()[i];
            }
            return out;
        }
    },
    /** A gamma of 0.4 on the normalised intensities: a log-like display curve applied twice. */
    GAMMA("gamma 0.4") {
        @Override
        float[] apply(Mammogram m, Random random) {
            return map(m, x -> Math.pow(x, 0.4));
        }
    },
    /** A narrow window: the intensities between the 50th and 90th percentiles stretched over the range, the rest clipped. */
    WINDOWED("windowed to the 50th-90th percentile") {
        @Override
        float[] apply(Mammogram m, Random random) {
            float[] sorted = m.pixels().clone();
            Arrays.sort(sorted);
            float[] range = range(m.pixels());
            double low = (sorted[sorted.length / 2] - range[0]) / (double) (range[1] - range[0]);
            double high = (sorted[sorted.length * 9 / 10] - range[0]) / (double) (range[1] - range[0]);
            return map(m, x -> Math.min(1, Math.max(0, (x - low) / Math.max(high - low, 1e-6))));
        }
    },
    /** Gaussian noise of 10% of the intensity range: a detector or a compression far noisier than the training exams'. */
    NOISE("Gaussian noise, 10% of the range") {
        @Override
        float[] apply(Mammogram m, Random random) {
            float[] range = range(m.pixels());
            double sigma = 0.1 * (range[1] - range[0]);
            float[] out = new float[m.pixels().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (m.pixels()[i] + sigma * random.nextGaussian());
            }
            return out;
        }
    },
    /** A Gaussian blur of sigma 1% of the image's width: fine detail gone. */
    BLUR("blurred, sigma 1% of the width") {
        @Override
        float[] apply(Mammogram m, Random random) {
            return blur(m, Math.max(1.0, 0.01 * m.width()));
        }
    },
    /** Down-sampled 4x and back: the detail of a quarter of the resolution. */
    DOWNSAMPLED("down-sampled 4x and back") {
        @Override
        float[] apply(Mammogram m, Random random) {
            int h = Math.max(1, m.height() / 4);
            int w = Math.max(1, m.width() / 4);
            return resample(resample(m.pixels(), m.height(), m.width(), h, w), h, w, m.height(), m.width());
        }
    },
    /** The breast at half its size on the same canvas: another magnification or pixel spacing. */
    HALF_SCALE("breast at half scale") {
        @Override
        float[] apply(Mammogram m, Random random) {
            float background = range(m.pixels())[0];
            float[] out = new float[m.pixels().length];
            Arrays.fill(out, background);
            int h = m.height() / 2;
            int w = m.width() / 2;
            float[] small = resample(m.pixels(), m.height(), m.width(), h, w);
            int top = (m.height() - h) / 2;
            boolean wallOnRight = columnMass(m, true) > columnMass(m, false);
            int left = wallOnRight ? m.width() - w : 0;
            for (int y = 0; y < h; y++) {
                System.arraycopy(small, y * w, out, (top + y) * m.width() + left, w);
            }
            return out;
        }
    },
    /** A quarter of the breast (half its height and width, at the chest wall) enlarged to the whole image. */
    QUARTER("a quarter of the breast, enlarged") {
        @Override
        float[] apply(Mammogram m, Random random) {
            int h = m.height() / 2;
            int w = m.width() / 2;
            int top = m.height() / 4;
            boolean wallOnRight = columnMass(m, true) > columnMass(m, false);
            int left = wallOnRight ? m.width() - w : 0;
            float[] part = new float[h * w];
            for (int y = 0; y < h; y++) {
                System.arraycopy(m.pixels(), (top + y) * m.width() + left, part, y * w, w);
            }
            return resample(part, h, w, m.height(), m.width());
        }
    },
    /** Not a mammogram: gratings and bright rectangles over a smooth ramp, in the exam's intensity range. */
    OTHER_KIND("another kind of image (gratings and shapes)") {
        @Override
        float[] apply(Mammogram m, Random random) {
            float[] range = range(m.pixels());
            int h = m.height();
            int w = m.width();
            double fx = (2 + 6 * random.nextDouble()) * 2 * Math.PI / w;
            double fy = (2 + 6 * random.nextDouble()) * 2 * Math.PI / h;
            float[] out = new float[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = (float) (0.3 + 0.2 * (double) x / w + 0.2 * Math.sin(fx * x) * Math.cos(fy * y));
                }
            }
            for (int r = 0; r < 6; r++) {
                int rh = 1 + random.nextInt(Math.max(1, h / 4));
                int rw = 1 + random.nextInt(Math.max(1, w / 4));
                int ry = random.nextInt(Math.max(1, h - rh));
                int rx = random.nextInt(Math.max(1, w - rw));
                float v = (float) random.nextDouble();
                for (int y = ry; y < ry + rh; y++) {
                    Arrays.fill(out, y * w + rx, y * w + rx + rw, v);
                }
            }
            for (int i = 0; i < out.length; i++) {
                out[i] = range[0] + out[i] * (range[1] - range[0]);
            }
            return out;
        }
    };

    private final String description;

    ImageShift(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The exam with every view shifted; {@code seed} draws what is random (noise, shapes), per view. */
    public ExamImages apply(ExamImages exam, long seed) {
        Map<View, Mammogram> out = new EnumMap<>(View.class);
        exam.views().forEach((v, m) -> out.put(v, new Mammogram(m.source(), m.height(), m.width(),
                apply(m, new Random(seed * 31 + v.ordinal())), m.chestWall())));
        return new ExamImages(exam.source(), out);
    }

    abstract float[] apply(Mammogram m, Random random);

    /** {min, max} of the pixels. */
    static float[] range(float[] p) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : p) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new float[] {min, max > min ? max : min + 1};
    }

    /** {@code curve} applied to the intensities normalised to [0, 1], mapped back to the image's range. */
    private static float[] map(Mammogram m, java.util.function.DoubleUnaryOperator curve) {
        float[] range = range(m.pixels());
        float[] out = new float[m.pixels().length];
        for (int i = 0; i < out.length; i++) {
            double x = (m.pixels()[i] - range[0]) / (double) (range[1] - range[0]);
            out[i] = (float) (range[0] + curve.applyAsDouble(x) * (range[1] - range[0]));
        }
        return out;
    }

    /** The sum of the pixels in the right (or left) half: where the tissue, and so the chest wall, is. */
    private static double columnMass(Mammogram m, boolean rightHalf) {
        double sum = 0;
        for (int y = 0; y < m.height(); y++) {
            for (int x = rightHalf ? m.width() / 2 : 0; x < (rightHalf ? m.width() : m.width() / 2); x++) {
                sum += m.pixels()[y * m.width() + x];
            }
        }
        return sum;
    }

    /** Bilinear resampling to {@code h x w}, libtorch's (through DJL's image utilities). */
    static float[] resample(float[] pixels, int height, int width, int h, int w) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray image = m.create(pixels, new Shape(height, width, 1));
            return NDImageUtils.resize(image, w, h, Image.Interpolation.BILINEAR).toFloatArray();
        }
    }

    /** A Gaussian blur, libtorch's convolution over the image padded with its edge values. */
    static float[] blur(Mammogram image, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        int size = 2 * radius + 1;
        float[] weights = new float[size * size];
        double total = 0;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                weights[i * size + j] = (float) Math.exp(-((i - radius) * (i - radius) + (j - radius) * (j - radius)) / (2 * sigma * sigma));
                total += weights[i * size + j];
            }
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= (float) total;
        }
        int h = image.height() + 2 * radius;
        int w = image.width() + 2 * radius;
        float[] padded = new float[h * w];
        for (int y = 0; y < h; y++) {
            int sy = Math.min(image.height() - 1, Math.max(0, y - radius));
            for (int x = 0; x < w; x++) {
                padded[y * w + x] = image.pixels()[sy * image.width() + Math.min(image.width() - 1, Math.max(0, x - radius))];
            }
        }
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = m.create(padded, new Shape(1, 1, h, w));
            NDArray kernel = m.create(weights, new Shape(1, 1, size, size));
            return Conv2d.conv2d(x, kernel).singletonOrThrow().toFloatArray();
        }
    }
}
