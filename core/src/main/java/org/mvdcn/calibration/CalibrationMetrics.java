package org.mvdcn.calibration;

import java.util.ArrayList;
import java.util.List;

/**
 * How far probabilities are from the frequencies they claim: the reliability diagram's bins,
 * expected calibration error over them (Guo et al. 2017: 15 equal-width bins on the confidence,
 * the highest probability), and the Brier score of each class against the rest.
 */
public final class CalibrationMetrics {

    public static final int BINS = 15;

    private CalibrationMetrics() {}

    /**
     * One bin of confidence (lower, upper] (the first also holds 0).
     *
     * @param exams predictions whose confidence falls in it
     * @param confidence their mean confidence (NaN when empty)
     * @param accuracy the share of them whose most probable class is the label (NaN when empty)
     */
    public record Bin(double lower, double upper, int exams, double confidence, double accuracy) {}

    /** The {@link #BINS} bins of the predictions' confidence, in order. */
    public static List<Bin> reliability(double[][] probabilities, int[] labels) {
        int[] count = new int[BINS];
        double[] confidence = new double[BINS];
        double[] correct = new double[BINS];
        for (int i = 0; i < labels.length; i++) {
            double[] p = probabilities[i];
            int predicted = 0;
            for (int k = 1; k < p.length; k++) {
                if (p[k] > p[predicted]) {
                    predicted = k;
                }
            }
            int b = Math.min(BINS - 1, Math.max(0, (int) Math.ceil(p[predicted] * BINS) - 1));
            count[b]++;
            confidence[b] += p[predicted];
            correct[b] += predicted == labels[i] ? 1 : 0;
        }
        List<Bin> bins = new ArrayList<>(BINS);
        for (int b = 0; b < BINS; b++) {
            bins.add(new Bin((double) b / BINS, (double) (b + 1) / BINS, count[b], confidence[b] / count[b], correct[b] / count[b]));
        }
        return bins;
    }

    /** Sum over the bins of |accuracy - confidence| weighted by the bin's share of the predictions. */
    public static double ece(List<Bin> bins) {
        int total = bins.stream().mapToInt(Bin::exams).sum();
        double ece = 0;
        for (Bin b : bins) {
            if (b.exams() > 0) {
                ece += (double) b.exams() / total * Math.abs(b.accuracy() - b.confidence());
            }
        }
        return ece;
    }

    public static double ece(double[][] probabilities, int[] labels) {
        return ece(reliability(probabilities, labels));
    }

    /** Per class k, the mean of (p_k - [label = k])^2: one-vs-rest Brier scores (0 is perfect). */
    public static double[] brier(double[][] probabilities, int[] labels) {
        double[] brier = new double[probabilities[0].length];
        for (int i = 0; i < labels.length; i++) {
            for (int k = 0; k < brier.length; k++) {
                double miss = probabilities[i][k] - (labels[i] == k ? 1 : 0);
                brier[k] += miss * miss / labels.length;
            }
        }
        return brier;
    }
}
