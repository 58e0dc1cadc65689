package org.mvdcn.ood;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;

/**
 * A model's out-of-distribution check: the training exams' feature distribution and the distance
 * above which an exam is flagged (a high percentile of the validation exams' distances, so that
 * about 1% of exams like those the model was trained on are flagged). Kept in the model file's
 * metadata as JSON with the arrays in base64.
 */
public record OodModel(FeatureDistribution distribution, OodRecord record) {

    /** The validation distances' percentile the threshold is set at. */
    public static final double PERCENTILE = 99;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Fits the distribution on the training exams' features and the threshold on the validation exams'. */
    public static OodModel fit(double[][] trainFeatures, double[][] validationFeatures) {
        FeatureDistribution d = FeatureDistribution.fit(trainFeatures);
        double[] distances = Arrays.stream(validationFeatures).mapToDouble(d::distance).sorted().toArray();
        // nearest rank, as the saliency pictures' percentiles
        int rank = (int) Math.ceil(PERCENTILE / 100 * distances.length) - 1;
        double threshold = distances[Math.max(0, Math.min(distances.length - 1, rank))];
        return new OodModel(d, new OodRecord(d.dimension(), trainFeatures.length, validationFeatures.length, d.shrinkage(), threshold,
                PERCENTILE));
    }

    /** An exam's features checked against the distribution. */
    public OodCheck check(double[] features) {
        double distance = distribution.distance(features);
        return new OodCheck(distance, record.threshold(), distance > record.threshold());
    }

    public String toJson() {
        ObjectNode o = JSON.valueToTree(record);
        o.put("mean", FeatureDistribution.encode(distribution.mean()));
        o.put("precision", FeatureDistribution.encode(distribution.precision()));
        return o.toString();
    }

    public static OodModel fromJson(String json) throws IOException {
        ObjectNode o = (ObjectNode) JSON.readTree(json);
        float[] mean = FeatureDistribution.decode(o.remove("mean").asText());
        float[] precision = FeatureDistribution.decode(o.remove("precision").asText());
        OodRecord record = JSON.treeToValue(o, OodRecord.class);
        if (mean.length != record.dimension() || precision.length != record.dimension() * record.dimension()) {
            throw new IOException("feature distribution of dimension " + record.dimension() + " holds " + mean.length + " means and "
                    + precision.length + " precision entries");
        }
        return new OodModel(new FeatureDistribution(mean, precision, record.shrinkage()), record);
    }
}
