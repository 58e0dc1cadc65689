package org.mvdcn.ood;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What run.json says of a model's feature distribution (the arrays themselves travel in the
 * model file's metadata only).
 *
 * @param dimension features per exam (256 per view at full width, four views)
 * @param trainExams training exams the distribution was fitted on
 * @param validationExams validation exams whose distances set the threshold
 * @param shrinkage Ledoit-Wolf weight of the identity target
 * @param threshold the distance above which an exam is out of distribution
 * @param percentile the validation distances' percentile the threshold is
 */
public record OodRecord(int dimension, @JsonProperty("train_exams") int trainExams,
        @JsonProperty("validation_exams") int validationExams, double shrinkage, double threshold, double percentile) {

    public String describe() {
        return String.format("out-of-distribution threshold %.2f (Mahalanobis, the %.0fth percentile of %d validation exams; "
                + "%d features from %d training exams, shrinkage %.3f)", threshold, percentile, validationExams, dimension,
                trainExams, shrinkage);
    }
}
