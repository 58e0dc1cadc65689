package org.mvdcn.ood;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What run.json says of a model's out-of-distribution check (the distributions themselves travel
 * in the model file's metadata only). Records written before the multi-depth check have no
 * {@code signal} and no {@code layers}: they measured the last layer's pooled features alone.
 *
 * @param signal how exams are scored ({@link OodModel})
 * @param layers the measured layers, by column ({@code cc.input}, {@code mlo.conv5c})
 * @param dimension statistics per image, all layers together
 * @param trainExams training exams the distributions were fitted on
 * @param validationExams validation exams whose scores set the scales and the threshold
 * @param threshold the score above which an exam is out of distribution
 * @param percentile the validation scores' percentile the threshold is
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OodRecord(String signal, List<String> layers, int dimension, @JsonProperty("train_exams") int trainExams,
        @JsonProperty("validation_exams") int validationExams, double threshold, double percentile) {

    public String describe() {
        if (layers == null) {
            return String.format("out-of-distribution threshold %.2f (the last layer's features only, written before the multi-depth "
                    + "check; refit with mvdcn ood --run)", threshold);
        }
        return String.format("out-of-distribution threshold %.2f (%s: %d layers, %d statistics per image from %d training exams; "
                + "the %.0fth percentile of %d validation exams)", threshold, signal, layers.size(), dimension, trainExams, percentile,
                validationExams);
    }
}
