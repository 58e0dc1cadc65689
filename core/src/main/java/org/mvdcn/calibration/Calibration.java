package org.mvdcn.calibration;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A model's temperature and how it was fitted: what run.json records and what the model file's
 * metadata carries (as {@link #toJson}), so the file calibrates its own probabilities wherever it goes.
 *
 * @param temperature T: every logit is divided by it before the softmax
 * @param exams validation exams it was fitted on
 * @param crops crop sets averaged per exam while fitting
 * @param nllBefore validation cross-entropy (nats) of the raw probabilities
 * @param nllAfter the same with T: the minimum the fit found
 * @param eceBefore validation expected calibration error (15 bins) of the raw probabilities
 * @param eceAfter the same with T
 */
public record Calibration(double temperature, int exams, int crops,
        @JsonProperty("validation_nll_before") double nllBefore, @JsonProperty("validation_nll_after") double nllAfter,
        @JsonProperty("validation_ece_before") double eceBefore, @JsonProperty("validation_ece_after") double eceAfter) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Calibration {
        if (!(temperature > 0 && Double.isFinite(temperature))) {
            throw new IllegalArgumentException("a temperature must be positive and finite, got " + temperature);
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Calibration fromJson(String json) throws IOException {
        return JSON.readValue(json, Calibration.class);
    }

    /** One line for logs and consoles. */
    public String describe() {
        return String.format("temperature %.4f, fitted on %d validation exams x %d crops: cross-entropy %.4f -> %.4f nats, "
                + "ECE %.4f -> %.4f", temperature, exams, crops, nllBefore, nllAfter, eceBefore, eceAfter);
    }
}
