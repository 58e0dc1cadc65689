package org.mvdcn.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Whether one model's macAUC (or one class's AUC) beats another's on the same test exams: a paired bootstrap of the
 * difference. Each resample draws exams with replacement and scores both models on the same draw,
 * so the exams' shared difficulty cancels and the interval is far narrower than two independent
 * intervals side by side.
 *
 * <p>The p-value is two-sided, {@code 2 min(share of differences <= 0, share >= 0)} clamped to 1:
 * the bootstrap distribution's mass on the far side of zero, doubled. It stays consistent with the
 * percentile interval (an interval excluding 0 goes with p below about 0.05), needs no normality,
 * and two identical models give p = 1. Resamples lacking a class have no macAUC and are skipped, counted.
 */
public final class PairedBootstrap {

    /**
     * The comparison of A against B.
     *
     * @param difference macAUC(A) - macAUC(B) on all paired exams
     * @param interval 2.5th and 97.5th percentiles of the resampled differences
     * @param p two-sided p-value of "no difference" (NaN when every resample was skipped)
     * @param exams paired test exams
     * @param rounds resamples drawn
     * @param skipped resamples left out because a class was missing from them
     */
    public record Result(double difference, ClassificationMetrics.Interval interval, double p, int exams, int rounds, int skipped) {

        /** The interval excludes 0 on A's side. */
        public boolean aBetter() {
            return interval.low() > 0;
        }

        /** The interval excludes 0 on B's side. */
        public boolean bBetter() {
            return interval.high() < 0;
        }
    }

    /**
     * What is compared: macAUC, or one class's one-vs-rest AUC (where a gain should sit, for
     * instance "0 vs. others" when only full resolution sees the BI-RADS 0 evidence).
     *
     * @param name as tables print it
     * @param of the measure over probabilities and classes; NaN when a class it needs is missing
     */
    public record Measure(String name, ToDoubleBiFunction<double[][], int[]> of) {

        public static final Measure MAC_AUC = new Measure("macAUC", ClassificationMetrics::macAuc);

        public static Measure auc(int k) {
            return new Measure(k + " vs. others", (p, y) -> ClassificationMetrics.auc(p, y, k));
        }
    }

    private PairedBootstrap() {}

    /**
     * Pairs the two files' exams by id; the labels must agree, and both must hold the same exams
     * (a comparison on different exams would not be paired).
     */
    public static Result compare(PredictionsFile.ScoredExams a, PredictionsFile.ScoredExams b, int rounds, long seed) {
        return compare(a, b, Measure.MAC_AUC, rounds, seed);
    }

    /** As above, comparing {@code measure}. */
    public static Result compare(PredictionsFile.ScoredExams a, PredictionsFile.ScoredExams b, Measure measure, int rounds, long seed) {
        Map<String, Integer> inA = index(a.examIds(), "first");
        Map<String, Integer> inB = index(b.examIds(), "second");
        Set<String> onlyA = new LinkedHashSet<>(a.examIds());
        onlyA.removeAll(inB.keySet());
        Set<String> onlyB = new LinkedHashSet<>(b.examIds());
        onlyB.removeAll(inA.keySet());
        if (!onlyA.isEmpty() || !onlyB.isEmpty()) {
            throw new IllegalArgumentException("the two settings scored different test exams: " + onlyA.size()
                    + " only in the first " + sample(onlyA) + ", " + onlyB.size() + " only in the second " + sample(onlyB));
        }
        double[][] bAligned = new double[a.exams()][];
        for (int i = 0; i < a.exams(); i++) {
            int j = inB.get(a.examIds().get(i));
            if (a.labels()[i] != b.labels()[j]) {
                throw new IllegalArgumentException("exam " + a.examIds().get(i) + " has label " + a.labels()[i]
                        + " in the first and " + b.labels()[j] + " in the second");
            }
            bAligned[i] = b.probabilities()[j];
        }
        return compare(a.probabilities(), bAligned, a.labels(), measure, rounds, seed);
    }

    /** {@code a[i]} and {@code b[i]} are two models' probabilities for the exam whose class is {@code labels[i]}. */
    public static Result compare(double[][] a, double[][] b, int[] labels, int rounds, long seed) {
        return compare(a, b, labels, Measure.MAC_AUC, rounds, seed);
    }

    /** As above, comparing {@code measure}. */
    public static Result compare(double[][] a, double[][] b, int[] labels, Measure measure, int rounds, long seed) {
        if (a.length != labels.length || b.length != labels.length) {
            throw new IllegalArgumentException(a.length + " and " + b.length + " predictions for " + labels.length + " labels");
        }
        int n = labels.length;
        double[][] pa = new double[n][];
        double[][] pb = new double[n][];
        int[] y = new int[n];
        // both models share the draw's labels, so a missing class makes both measures NaN at once
        return difference(n, rounds, seed, draw -> {
            for (int i = 0; i < n; i++) {
                pa[i] = a[draw[i]];
                pb[i] = b[draw[i]];
                y[i] = labels[draw[i]];
            }
            return measure.of().applyAsDouble(pa, y) - measure.of().applyAsDouble(pb, y);
        });
    }

    /**
     * The bootstrap of a difference between two measures of the same exams: {@code difference}
     * applied to the identity draw (the observed difference) and to {@code rounds} resamples of the
     * {@code n} exams; a NaN difference (a class missing from the draw) is skipped, counted.
     */
    static Result difference(int n, int rounds, long seed, ToDoubleFunction<int[]> difference) {
        double observed = difference.applyAsDouble(IntStream.range(0, n).toArray());
        double[] differences = new double[rounds];
        int[] kept = {0};
        ClassificationMetrics.resample(n, rounds, seed, draw -> {
            double d = difference.applyAsDouble(draw);
            if (!Double.isNaN(d)) {
                differences[kept[0]++] = d;
            }
        });
        double[] resampled = Arrays.copyOf(differences, kept[0]);
        int atMostZero = 0;
        int atLeastZero = 0;
        for (double d : resampled) {
            atMostZero += d <= 0 ? 1 : 0;
            atLeastZero += d >= 0 ? 1 : 0;
        }
        double p = resampled.length == 0 ? Double.NaN : Math.min(1, 2.0 * Math.min(atMostZero, atLeastZero) / resampled.length);
        return new Result(observed, ClassificationMetrics.interval(resampled), p, n, rounds, rounds - resampled.length);
    }

    private static Map<String, Integer> index(List<String> ids, String which) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            if (index.put(ids.get(i), i) != null) {
                throw new IllegalArgumentException("exam " + ids.get(i) + " appears twice in the " + which + " setting's predictions");
            }
        }
        return index;
    }

    /** The first few ids, enough to find the mismatch without flooding the message. */
    private static String sample(Set<String> ids) {
        return ids.isEmpty() ? "" : "(" + String.join(", ", ids.stream().limit(5).toList()) + (ids.size() > 5 ? ", ..." : "") + ")";
    }
}
