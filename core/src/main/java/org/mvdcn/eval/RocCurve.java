package org.mvdcn.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** The points of an ROC curve: thresholds swept from high to low, tied scores entering together. */
public final class RocCurve {

    /** One point: false-positive rate, true-positive rate. */
    public record Point(double fpr, double tpr) {}

    private RocCurve() {}

    public static List<Point> points(double[] scores, boolean[] positive) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        long positives = 0;
        for (boolean p : positive) {
            if (p) {
                positives++;
            }
        }
        long negatives = scores.length - positives;
        List<Point> points = new ArrayList<>();
        points.add(new Point(0, 0));
        if (positives == 0 || negatives == 0) {
            return points;
        }
        long tp = 0;
        long fp = 0;
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            for (int k = start; k <= end; k++) {
                if (positive[order[k]]) {
                    tp++;
                } else {
                    fp++;
                }
            }
            points.add(new Point((double) fp / negatives, (double) tp / positives));
            start = end + 1;
        }
        return points;
    }
}
