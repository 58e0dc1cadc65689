package org.mvdcn.predict;

import java.util.ArrayList;
import java.util.List;

/**
 * One exam's network outputs, crop set by crop set: the logits of each set (what temperature
 * scaling and the crop-averaged probabilities are computed from) and the view features averaged
 * over the sets (what the out-of-distribution check reads). The one place crop sets are averaged,
 * for the plain forward and the saliency pass alike.
 */
public final class CropScores {

    private final List<double[]> logits = new ArrayList<>();
    private double[] featureSum;

    /** Adds one crop set's logits (3) and view features. */
    public void add(double[] setLogits, double[] features) {
        logits.add(setLogits.clone());
        if (featureSum == null) {
            featureSum = new double[features.length];
        }
        for (int j = 0; j < features.length; j++) {
            featureSum[j] += features[j];
        }
    }

    /** [crop set][class]. */
    public double[][] logits() {
        return logits.toArray(double[][]::new);
    }

    /** The view features averaged over the crop sets. */
    public double[] meanFeatures() {
        double[] mean = new double[featureSum.length];
        for (int j = 0; j < mean.length; j++) {
            mean[j] = featureSum[j] / logits.size();
        }
        return mean;
    }

    public int sets() {
        return logits.size();
    }
}
