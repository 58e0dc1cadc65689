package org.mvdcn.eval;

/** Independent O(n^2) Mann-Whitney AUC for tests: count positive-negative pairs, ties one half. */
public final class PairwiseAuc {

    private PairwiseAuc() {}

    public static double of(double[] s, boolean[] pos) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (pos[i] && !pos[j]) {
                    pairs++;
                    wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }

    /** One-vs-rest AUC of class k. */
    public static double ofClass(double[][] p, int[] y, int k) {
        double[] s = new double[y.length];
        boolean[] pos = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
            s[i] = p[i][k];
            pos[i] = y[i] == k;
        }
        return of(s, pos);
    }
}
