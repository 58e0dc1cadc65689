package org.mvdcn.ood;

/**
 * One exam against the model's training distribution.
 *
 * @param distance the exam's score: its largest distance to the training images' statistics over
 *     the measured layers and views, in units of that layer's scale (its validation images' 99th-percentile distance)
 * @param threshold the model's threshold
 * @param flag whether the exam lies beyond it: unlike what the model was trained on, its probabilities not to be trusted
 * @param where the view and layer that gave the score ("L-MLO intensities", "R-CC block conv2c"); null in records written before it
 */
public record OodCheck(double distance, double threshold, boolean flag, String where) {

    /** The check in words, for the text output. */
    public String describe() {
        String at = where == null ? "" : ", at " + where;
        return flag
                ? String.format("out of distribution: this exam is unlike the exams the model was trained on (score %.1f > %.1f%s)",
                        distance, threshold, at)
                : String.format("within the training distribution (score %.1f <= %.1f%s)", distance, threshold, at);
    }
}
