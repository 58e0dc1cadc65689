package org.mvdcn.synth;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;
import org.mvdcn.preprocess.BicubicDownscale;

/**
 * How visible each kind of synthetic finding stays when images are down-scaled, the property the
 * paper's resolution study needs from the cohort. Each trial renders one full-resolution CC view
 * twice from the same seeds, with and without the finding, so their difference is exactly the
 * finding's signal; both are down-scaled by 1, 2, 4, 8. Visibility = peak |signal| divided by the
 * clutter it has to be told from: the standard deviation of the finding-free image's fine detail
 * (image minus its 5x5 local mean) around the finding, at that scale.
 */
public final class FindingVisibility {

    public static final int[] FACTORS = {1, 2, 4, 8};

    private FindingVisibility() {}

    /** Median visibility per kind and factor (index into {@link #FACTORS}) over {@code trials} findings. */
    public static Map<Finding.Kind, double[]> measure(int trials, long seed) {
        Map<Finding.Kind, double[]> result = new EnumMap<>(Finding.Kind.class);
        for (Finding.Kind kind : Finding.Kind.values()) {
            double[][] perTrial = IntStream.range(0, trials).parallel()
                    .mapToObj(t -> trial(kind, new SplittableRandom(seed * 31 + kind.ordinal() * 1000L + t)))
                    .toArray(double[][]::new);
            double[] medians = new double[FACTORS.length];
            for (int f = 0; f < FACTORS.length; f++) {
                double[] values = new double[trials];
                for (int t = 0; t < trials; t++) {
                    values[t] = perTrial[t][f];
                }
                java.util.Arrays.sort(values);
                medians[f] = trials % 2 == 1 ? values[trials / 2] : (values[trials / 2 - 1] + values[trials / 2]) / 2;
            }
            result.put(kind, medians);
        }
        return result;
    }

    private static double[] trial(Finding.Kind kind, SplittableRandom rng) {
        int h = 2600;
        int w = 2000;
        BreastAnatomy anatomy = BreastAnatomy.random(rng, 0.2 + 0.6 * rng.nextDouble());
        Finding finding = Finding.random(kind, rng);
        long noiseSeed = rng.nextLong();
        float[] with = MammogramRenderer.render(h, w, 1, View.Projection.CC, anatomy, List.of(finding), 1, 0, new SplittableRandom(noiseSeed));
        float[] without = MammogramRenderer.render(h, w, 1, View.Projection.CC, anatomy, List.of(), 1, 0, new SplittableRandom(noiseSeed));
        double cy = anatomy.centre() * h + finding.v() * anatomy.halfHeight() * h;
        double cx = finding.u() * anatomy.depth() * w;
        double[] out = new double[FACTORS.length];
        for (int f = 0; f < FACTORS.length; f++) {
            int factor = FACTORS[f];
            Mammogram a = BicubicDownscale.apply(new Mammogram(null, h, w, with), factor);
            Mammogram b = BicubicDownscale.apply(new Mammogram(null, h, w, without), factor);
            int radius = Math.max(6, 160 / factor);
            int y0 = clamp((int) (cy / factor) - radius, b.height());
            int y1 = clamp((int) (cy / factor) + radius, b.height());
            int x0 = clamp((int) (cx / factor) - radius, b.width());
            int x1 = clamp((int) (cx / factor) + radius, b.width());
            double peak = 0;
            List<Double> detail = new ArrayList<>();
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    peak = Math.max(peak, Math.abs(a.at(y, x) - b.at(y, x)));
                    detail.add(b.at(y, x) - localMean(b, y, x));
                }
            }
            double mean = detail.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double var = detail.stream().mapToDouble(d -> (d - mean) * (d - mean)).average().orElse(0);
            out[f] = peak / Math.max(Math.sqrt(var), 1e-6);
        }
        return out;
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size, v));
    }

    private static double localMean(Mammogram m, int y, int x) {
        double sum = 0;
        int n = 0;
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                int yy = y + dy;
                int xx = x + dx;
                if (yy >= 0 && yy < m.height() && xx >= 0 && xx < m.width()) {
                    sum += m.at(yy, xx);
                    n++;
                }
            }
        }
        return sum / n;
    }
}
