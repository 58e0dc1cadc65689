package org.mvdcn.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.mvdcn.predict.Prediction;

/**
 * The paper's metrics (SPEC section 5) over a set of predictions: one-vs-rest AUC per BI-RADS
 * class, macAUC (their mean), bootstrap confidence intervals resampling exams, entropy, and
 * HC-macAUC over each class's most confident share with the entropy cut-offs taken from another set.
 * Pure functions of their inputs; a seed makes the bootstrap repeatable.
 */
public final class ClassificationMetrics {

    public static final int CLASSES = 3;

    private ClassificationMetrics() {}

    /** One-vs-rest AUC of class {@code k}: its probability as the score. */
    public static double auc(double[][] probabilities, int[] labels, int k) {
        double[] scores = new double[labels.length];
        boolean[] positive = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            scores[i] = probabilities[i][k];
            positive[i] = labels[i] == k;
        }
        return RocAuc.auc(scores, positive);
    }

    public static double[] perClassAuc(double[][] probabilities, int[] labels) {
        double[] aucs = new double[CLASSES];
        for (int k = 0; k < CLASSES; k++) {
            aucs[k] = auc(probabilities, labels, k);
        }
        return aucs;
    }

    /** Mean of the three one-vs-rest AUCs (NaN if a class is absent). */
    public static double macAuc(double[][] probabilities, int[] labels) {
        double[] aucs = perClassAuc(probabilities, labels);
        return (aucs[0] + aucs[1] + aucs[2]) / CLASSES;
    }

    /** H = -sum p ln p of each prediction. */
    public static double[] entropies(double[][] probabilities) {
        double[] h = new double[probabilities.length];
        for (int i = 0; i < h.length; i++) {
            h[i] = Prediction.entropy(probabilities[i]);
        }
        return h;
    }

    /**
     * The entropy below which the most confident {@code share} (0..1] of {@code entropies} lie:
     * the value at rank ceil(share * n) of the sorted entropies.
     */
    public static double entropyCutoff(double[] entropies, double share) {
        if (!(share > 0 && share <= 1) || entropies.length == 0) {
            throw new IllegalArgumentException("share must be in (0, 1] and the set non-empty");
        }
        double[] sorted = entropies.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(share * sorted.length) - 1)];
    }

    /** A selection of predictions, with their labels. */
    public record Subset(double[][] probabilities, int[] labels) {

        public int exams() {
            return labels.length;
        }

        /** macAUC of the subset; NaN when it is empty or lacks a class. */
        public double macAuc() {
            return labels.length == 0 ? Double.NaN : ClassificationMetrics.macAuc(probabilities, labels);
        }
    }

    /**
     * Each class's entropy cut-off: the cut-off ({@link #entropyCutoff}) of the {@code share} most
     * confident exams of that true class, so that selecting under them keeps the set's class prior
     * (the paper's Table 5: "examples balanced according to the prior distribution"). A class the
     * set lacks gets NaN, which selects none of its exams.
     */
    public static double[] entropyCutoffs(double[][] probabilities, int[] labels, double share) {
        double[] h = entropies(probabilities);
        double[] cutoffs = new double[CLASSES];
        for (int k = 0; k < CLASSES; k++) {
            int c = k;
            double[] members = IntStream.range(0, labels.length).filter(i -> labels[i] == c).mapToDouble(i -> h[i]).toArray();
            cutoffs[k] = members.length == 0 ? Double.NaN : entropyCutoff(members, share);
        }
        return cutoffs;
    }

    /** The predictions whose entropy is at most their true class's cut-off. */
    public static Subset confident(double[][] probabilities, int[] labels, double[] cutoffs) {
        return subset(probabilities, labels, confidentIndices(probabilities, labels, cutoffs));
    }

    /** Where {@link #confident} finds them, in order. */
    public static List<Integer> confidentIndices(double[][] probabilities, int[] labels, double[] cutoffs) {
        double[] h = entropies(probabilities);
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < h.length; i++) {
            if (h[i] <= cutoffs[labels[i]]) {
                kept.add(i);
            }
        }
        return kept;
    }

    /** The predictions at {@code kept}, with their labels. */
    public static Subset subset(double[][] probabilities, int[] labels, List<Integer> kept) {
        double[][] p = new double[kept.size()][];
        int[] y = new int[kept.size()];
        for (int j = 0; j < kept.size(); j++) {
            p[j] = probabilities[kept.get(j)];
            y[j] = labels[kept.get(j)];
        }
        return new Subset(p, y);
    }

    /** A 95% percentile interval. */
    public record Interval(double low, double high) {}

    /**
     * Bootstrap 95% intervals (2.5th and 97.5th percentiles) of the three AUCs and of macAUC,
     * resampling exams with replacement {@code rounds} times; resamples lacking a class are
     * skipped. Index 0..2: per-class AUC; 3: macAUC.
     */
    public static Interval[] bootstrap(double[][] probabilities, int[] labels, int rounds, long seed) {
        int n = labels.length;
        List<double[]> samples = new ArrayList<>();
        double[][] p = new double[n][];
        int[] y = new int[n];
        resample(n, rounds, seed, draw -> {
            for (int i = 0; i < n; i++) {
                p[i] = probabilities[draw[i]];
                y[i] = labels[draw[i]];
            }
            double[] aucs = perClassAuc(p, y);
            if (!Double.isNaN(aucs[0]) && !Double.isNaN(aucs[1]) && !Double.isNaN(aucs[2])) {
                samples.add(new double[] {aucs[0], aucs[1], aucs[2], (aucs[0] + aucs[1] + aucs[2]) / 3});
            }
        });
        Interval[] out = new Interval[4];
        for (int m = 0; m < 4; m++) {
            double[] values = new double[samples.size()];
            for (int s = 0; s < values.length; s++) {
                values[s] = samples.get(s)[m];
            }
            out[m] = interval(values);
        }
        return out;
    }

    /** One bootstrap round: the indices of the {@code n} exams drawn, with replacement. */
    @FunctionalInterface
    interface Round {
        void draw(int[] indices);
    }

    /** {@code rounds} bootstrap draws of {@code n} exams from one generator seeded with {@code seed}. */
    static void resample(int n, int rounds, long seed, Round round) {
        Random rng = new Random(seed);
        int[] draw = new int[n];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < n; i++) {
                draw[i] = rng.nextInt(n);
            }
            round.draw(draw);
        }
    }

    /** The 2.5th and 97.5th percentiles of {@code values} (sorted in place); NaN for none. */
    static Interval interval(double[] values) {
        if (values.length == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        Arrays.sort(values);
        return new Interval(percentile(values, 2.5), percentile(values, 97.5));
    }

    /** Linear interpolation between the order statistics around the p-th percentile of {@code sorted}. */
    private static double percentile(double[] sorted, double p) {
        double pos = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
