package org.mvdcn.calibration;

/**
 * Temperature scaling (Guo et al. 2017): one scalar T > 0 divides every logit, chosen to minimise
 * the cross-entropy of held-out exams. An exam's probabilities are the average over its crop sets of
 * softmax(z / T), as the scorer averages them, so T is fitted to the very probabilities it rescales.
 * Pure functions of logits indexed [exam][crop set][class].
 */
public final class TemperatureScaling {

    /** The bracket searched: logits up to 100 times sharpened or flattened. */
    static final double LOWEST = 0.01;
    static final double HIGHEST = 100;
    /** Width in ln T at which the search stops: T to about seven digits. */
    private static final double TOLERANCE = 1e-7;
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    private TemperatureScaling() {}

    /** Each exam's softmax(z / T) averaged over its crop sets; T = 1 gives the logits' own probabilities. */
    public static double[][] probabilities(double[][][] logits, double temperature) {
        double[][] p = new double[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            int crops = logits[i].length;
            p[i] = new double[logits[i][0].length];
            for (double[] z : logits[i]) {
                double[] log = logSoftmax(z, temperature);
                for (int k = 0; k < log.length; k++) {
                    p[i][k] += Math.exp(log[k]) / crops;
                }
            }
        }
        return p;
    }

    /**
     * Mean of -ln p(label) over the exams, p the crop-averaged softmax(z / T); computed in the log
     * domain, so an exam confidently wrong stays finite where its probability underflows.
     */
    public static double nll(double[][][] logits, int[] labels, double temperature) {
        check(logits, labels);
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            double[] logOfLabel = new double[logits[i].length];
            for (int c = 0; c < logOfLabel.length; c++) {
                logOfLabel[c] = logSoftmax(logits[i][c], temperature)[labels[i]];
            }
            sum -= logSumExp(logOfLabel) - Math.log(logOfLabel.length);
        }
        return sum / labels.length;
    }

    /**
     * The T in [0.01, 100] of least {@link #nll}: golden-section search on ln T (the cross-entropy
     * is unimodal in it: convex in 1/T for one crop set, and averaging crop sets keeps one minimum
     * in practice). Data a sharper model always fits better ends at the bracket's edge.
     */
    public static double fit(double[][][] logits, int[] labels) {
        check(logits, labels);
        double a = Math.log(LOWEST);
        double b = Math.log(HIGHEST);
        double c = b - GOLDEN * (b - a);
        double d = a + GOLDEN * (b - a);
        double fc = nll(logits, labels, Math.exp(c));
        double fd = nll(logits, labels, Math.exp(d));
        while (b - a > TOLERANCE) {
            if (fc <= fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - GOLDEN * (b - a);
                fc = nll(logits, labels, Math.exp(c));
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + GOLDEN * (b - a);
                fd = nll(logits, labels, Math.exp(d));
            }
        }
        return Math.exp((a + b) / 2);
    }

    /** Fits T on the exams and measures their cross-entropy and ECE before and after. */
    public static Calibration calibrate(double[][][] logits, int[] labels) {
        double t = fit(logits, labels);
        return new Calibration(t, labels.length, logits[0].length, nll(logits, labels, 1), nll(logits, labels, t),
                CalibrationMetrics.ece(probabilities(logits, 1), labels), CalibrationMetrics.ece(probabilities(logits, t), labels));
    }

    private static double[] logSoftmax(double[] z, double temperature) {
        double[] scaled = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            scaled[k] = z[k] / temperature;
        }
        double norm = logSumExp(scaled);
        for (int k = 0; k < z.length; k++) {
            scaled[k] -= norm;
        }
        return scaled;
    }

    private static double logSumExp(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : x) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    private static void check(double[][][] logits, int[] labels) {
        if (logits.length == 0 || logits.length != labels.length) {
            throw new IllegalArgumentException("needs logits for each of at least one labelled exam, got " + logits.length
                    + " exams and " + labels.length + " labels");
        }
    }
}
