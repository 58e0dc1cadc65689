package org.mvdcn.predict;

import java.util.ArrayList;
import java.util.List;
import org.mvdcn.ood.ExamSignature;

/**
 * One exam's network outputs, crop set by crop set: the logits of each set (what temperature
 * scaling and the crop-averaged probabilities are computed from) and what the images looked like
 * to the network in each set ({@link ExamSignature}), averaged over the sets for the
 * out-of-distribution check. The one place crop sets are averaged, for the plain forward and the
 * saliency pass alike.
 */
public final class CropScores {

    private final List<double[]> logits = new ArrayList<>();
    private final List<ExamSignature> signatures = new ArrayList<>();

    /** Adds one crop set's logits (3) and statistics. */
    public void add(double[] setLogits, ExamSignature signature) {
        logits.add(setLogits.clone());
        signatures.add(signature);
    }

    /** [crop set][class]. */
    public double[][] logits() {
        return logits.toArray(double[][]::new);
    }

    /** The statistics averaged over the crop sets. */
    public ExamSignature meanSignature() {
        return ExamSignature.mean(signatures);
    }

    public int sets() {
        return logits.size();
    }
}
