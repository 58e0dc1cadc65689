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
 * paper's resolution study needs from the cohort. Each trial renders one CC view at the cohort's
 * {@code scale} twice from the same seeds, with and without the finding, so their difference is
 * exactly the finding's signal, and a third time without it from other noise seeds; all are
 * down-scaled by 1, 2, 4, 8. Two measures, around the finding, at each factor:
 * <ul>
 *   <li>visibility: peak |signal| over the clutter it has to be told from, the standard deviation of
 *       the finding-free image's fine detail (image minus its 5x5 local mean);
 *   <li>detectability d': the matched filter's output (root of the summed squared signal) over the
 *       detector noise there (the standard deviation of the two finding-free renders' difference,
 *       over root 2): what an observer who knows exactly what and where the finding is could see
 *       without any anatomy in the way, so an upper bound on what a network can learn from it.
 * </ul>
 */
public final class FindingVisibility {

    public static final int[] FACTORS = {1, 2, 4, 8};

    /** Medians over the trials, one per factor of {@link #FACTORS}. */
    public record Visibility(double[] peakOverClutter, double[] detectability) {}

    private FindingVisibility() {}

    /** Median visibility and detectability per kind and factor over {@code trials} findings, at scale 1 and contrast 1. */
    public static Map<Finding.Kind, Visibility> measure(int trials, long seed) {
        return measure(trials, seed, 1, 1);
    }

    /** The same for a cohort of that {@code scale} whose findings are drawn {@code contrast} times brighter. */
    public static Map<Finding.Kind, Visibility> measure(int trials, long seed, double scale, double contrast) {
        Map<Finding.Kind, Visibility> result = new EnumMap<>(Finding.Kind.class);
        for (Finding.Kind kind : Finding.Kind.values()) {
            double[][][] perTrial = IntStream.range(0, trials).parallel()
                    .mapToObj(t -> trial(kind, new SplittableRandom(seed * 31 + kind.ordinal() * 1000L + t), scale, contrast))
                    .toArray(double[][][]::new);
            result.put(kind, new Visibility(medians(perTrial, 0), medians(perTrial, 1)));
        }
        return result;
    }

    private static double[] medians(double[][][] perTrial, int measure) {
        int trials = perTrial.length;
        double[] medians = new double[FACTORS.length];
        for (int f = 0; f < FACTORS.length; f++) {
            double[] values = new double[trials];
            for (int t = 0; t < trials; t++) {
                values[t] = perTrial[t][measure][f];
            }
            java.util.Arrays.sort(values);
            medians[f] = trials % 2 == 1 ? values[trials / 2] : (values[trials / 2 - 1] + values[trials / 2]) / 2;
        }
        return medians;
    }

    /** Per factor: visibility, then detectability. */
    private static double[][] trial(Finding.Kind kind, SplittableRandom rng, double scale, double contrast) {
        int h = (int) Math.round(2600 * scale);
        int w = (int) Math.round(2000 * scale);
        BreastAnatomy anatomy = BreastAnatomy.random(rng, 0.2 + 0.6 * rng.nextDouble());
        Finding finding = Finding.random(kind, rng);
        long noiseSeed = rng.nextLong();
        float[] with = MammogramRenderer.render(h, w, scale, View.Projection.CC, anatomy, List.of(finding), contrast, 0,
                new SplittableRandom(noiseSeed));
        float[] without = MammogramRenderer.render(h, w, scale, View.Projection.CC, anatomy, List.of(), contrast, 0,
                new SplittableRandom(noiseSeed));
        float[] otherNoise = MammogramRenderer.render(h, w, scale, View.Projection.CC, anatomy, List.of(), contrast, 0,
                new SplittableRandom(rng.nextLong()));
        double cy = finding.centreYInCc(anatomy, h);
        double cx = finding.centreXInCc(anatomy, w);
        double[][] out = new double[2][FACTORS.length];
        for (int f = 0; f < FACTORS.length; f++) {
            int factor = FACTORS[f];
            Mammogram a = BicubicDownscale.apply(new Mammogram(null, h, w, with), factor);
            Mammogram b = BicubicDownscale.apply(new Mammogram(null, h, w, without), factor);
            Mammogram c = BicubicDownscale.apply(new Mammogram(null, h, w, otherNoise), factor);
            int radius = Math.max(6, (int) Math.round(160 * scale / factor));
            int y0 = clamp((int) (cy / factor) - radius, b.height());
            int y1 = clamp((int) (cy / factor) + radius, b.height());
            int x0 = clamp((int) (cx / factor) - radius, b.width());
            int x1 = clamp((int) (cx / factor) + radius, b.width());
            double peak = 0;
            double energy = 0;
            List<Double> detail = new ArrayList<>();
            List<Double> noise = new ArrayList<>();
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    double signal = a.at(y, x) - b.at(y, x);
                    peak = Math.max(peak, Math.abs(signal));
                    energy += signal * signal;
                    detail.add(b.at(y, x) - localMean(b, y, x));
                    noise.add((b.at(y, x) - c.at(y, x)) / Math.sqrt(2));
                }
            }
            out[0][f] = peak / Math.max(std(detail), 1e-6);
            out[1][f] = Math.sqrt(energy) / Math.max(std(noise), 1e-6);
        }
        return out;
    }

    private static double std(List<Double> values) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return Math.sqrt(values.stream().mapToDouble(d -> (d - mean) * (d - mean)).average().orElse(0));
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
