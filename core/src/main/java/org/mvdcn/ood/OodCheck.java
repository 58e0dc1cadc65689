package org.mvdcn.ood;

/**
 * One exam against the model's training distribution.
 *
 * @param distance the Mahalanobis distance of its features to the training exams'
 * @param threshold the model's threshold
 * @param flag whether the exam lies beyond it: unlike what the model was trained on, its probabilities not to be trusted
 */
public record OodCheck(double distance, double threshold, boolean flag) {

    /** The check in words, for the text output. */
    public String describe() {
        return flag
                ? String.format("OUT OF DISTRIBUTION: this exam is unlike the exams the model was trained on (distance %.1f > %.1f); "
                        + "do not trust its probabilities", distance, threshold)
                : String.format("within the training distribution (distance %.1f <= %.1f)", distance, threshold);
    }
}
