package org.mvdcn.eval;

import java.util.Random;
import java.util.stream.IntStream;

/** Test predictions of a chosen quality: each exam's true class gets {@code signal} of evidence on top of unit Gaussian logits. */
public final class SyntheticScores {

    private SyntheticScores() {}

    /** Labels 0, 1, 2, 0, ... so that every class is present from three exams on. */
    public static int[] labels(int n) {
        return IntStream.range(0, n).map(i -> i % 3).toArray();
    }

    public static double[][] probabilities(int[] labels, double signal, Random rng) {
        double[][] p = new double[labels.length][3];
        for (int i = 0; i < labels.length; i++) {
            double sum = 0;
            for (int k = 0; k < 3; k++) {
                p[i][k] = Math.exp((k == labels[i] ? signal : 0) + rng.nextGaussian());
                sum += p[i][k];
            }
            for (int k = 0; k < 3; k++) {
                p[i][k] /= sum;
            }
        }
        return p;
    }
}
