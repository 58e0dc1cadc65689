package org.mvdcn.ood;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mvdcn.exam.View;

/**
 * A model's out-of-distribution check, measured at several depths: for each measured layer of each
 * column ({@link ExamSignature}'s keys), where the training images' statistics lie (a Gaussian,
 * {@link FeatureDistribution}) and the validation images' 99th-percentile distance to it (the
 * layer's scale). An exam's score is its largest distance over layers and views, each in units of its
 * layer's scale, so that a shift seen by one layer only (noise in the first block, a wrong scale in
 * the last) is not diluted by the others; the threshold is the {@link #PERCENTILE}th percentile of
 * the validation exams' scores, so about 1% of exams like the training ones are flagged. Kept in
 * the model file's metadata as JSON with the arrays in base64.
 *
 * @param layers each measured layer's distribution and scale, by key
 * @param record what run.json says of it
 */
public record OodModel(Map<String, LayerDistribution> layers, OodRecord record) {

    /** The validation scores' percentile the threshold is set at. */
    public static final double PERCENTILE = 99;

    /** How this check is named in records; a model file's entry without it predates the multi-depth check. */
    static final String SIGNAL = "multi-depth Mahalanobis, max over layers";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One layer's training distribution and its scale: the {@link #PERCENTILE}th percentile of the
     * validation images' distances to it. Layers differ in their tails (a column whose deep maps are
     * mostly silent puts most images near zero and a few far away), so each is measured against its
     * own tail, not its middle.
     */
    public record LayerDistribution(FeatureDistribution distribution, double scale) {}

    public OodModel {
        layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers)); // in order: the record names them so
    }

    /** Fits each layer's distribution on the training exams' images and the scales and threshold on the validation exams'. */
    public static OodModel fit(List<ExamSignature> train, List<ExamSignature> validation) {
        if (train.size() < 2 || validation.isEmpty()) {
            throw new IllegalArgumentException("an out-of-distribution check needs at least 2 training exams and 1 validation exam, got "
                    + train.size() + " and " + validation.size());
        }
        Map<String, LayerDistribution> layers = new LinkedHashMap<>();
        for (String key : keys(train.get(0))) {
            List<double[]> images = new ArrayList<>();
            train.forEach(e -> e.views().values().stream().filter(v -> v.containsKey(key)).forEach(v -> images.add(v.get(key))));
            FeatureDistribution d = FeatureDistribution.fit(images.toArray(double[][]::new));
            double[] distances = validation.stream().flatMap(e -> e.views().values().stream()).filter(v -> v.containsKey(key))
                    .mapToDouble(v -> d.distance(v.get(key))).sorted().toArray();
            double scale = percentile(distances, PERCENTILE);
            layers.put(key, new LayerDistribution(d, scale > 0 ? scale : 1));
        }
        OodModel unthresholded = new OodModel(layers, null);
        double threshold = percentile(validation.stream().mapToDouble(e -> unthresholded.worst(e).score()).sorted().toArray(), PERCENTILE);
        int dimension = layers.values().stream().mapToInt(l -> l.distribution().dimension()).sum();
        return new OodModel(layers, new OodRecord(SIGNAL, List.copyOf(layers.keySet()), dimension, train.size(), validation.size(),
                threshold, PERCENTILE));
    }

    /** An exam's statistics checked against the training distribution. */
    public OodCheck check(ExamSignature exam) {
        Worst w = worst(exam);
        return new OodCheck(w.score(), record.threshold(), w.score() > record.threshold(), w.where());
    }

    private record Worst(double score, String where) {}

    /** The exam's largest scaled distance, and which view and layer gave it. */
    private Worst worst(ExamSignature exam) {
        double best = Double.NEGATIVE_INFINITY;
        String where = null;
        for (Map.Entry<View, Map<String, double[]>> v : exam.views().entrySet()) {
            for (Map.Entry<String, double[]> l : v.getValue().entrySet()) {
                LayerDistribution d = layers.get(l.getKey());
                if (d == null) {
                    throw new IllegalArgumentException("the model's check has no layer " + l.getKey() + " (it has " + layers.keySet() + ")");
                }
                double score = d.distribution().distance(l.getValue()) / d.scale();
                if (score > best) {
                    best = score;
                    where = v.getKey().label() + " " + describe(l.getKey());
                }
            }
        }
        return new Worst(best, where);
    }

    /** A layer key in words: {@code cc.input} is the image's intensities, {@code mlo.conv2c} the block ending in conv2c. */
    private static String describe(String key) {
        String layer = key.substring(key.indexOf('.') + 1);
        return ImageStatisticsProbe.INPUT.equals(layer) ? "intensities" : "block " + layer;
    }

    /** The nearest-rank percentile of sorted values, as the saliency pictures' percentiles. */
    private static double percentile(double[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    private static List<String> keys(ExamSignature exam) {
        return exam.views().values().stream().flatMap(v -> v.keySet().stream()).distinct().sorted().toList();
    }

    public String toJson() {
        ObjectNode o = JSON.valueToTree(record);
        ArrayNode array = o.putArray("distributions");
        layers.forEach((key, l) -> {
            ObjectNode n = array.addObject();
            n.put("key", key);
            n.put("scale", l.scale());
            n.put("shrinkage", l.distribution().shrinkage());
            n.put("mean", FeatureDistribution.encode(l.distribution().mean()));
            n.put("precision", FeatureDistribution.encode(l.distribution().precision()));
        });
        return o.toString();
    }

    /**
     * The check a model file's metadata holds; null for an entry written before the multi-depth
     * check (it measured the last layer only, and missed a real mammogram: refit with {@code mvdcn ood}).
     */
    public static OodModel fromJson(String json) throws IOException {
        ObjectNode o = (ObjectNode) JSON.readTree(json);
        if (!o.has("distributions")) {
            return null;
        }
        Map<String, LayerDistribution> layers = new LinkedHashMap<>();
        for (JsonNode n : (ArrayNode) o.remove("distributions")) {
            float[] mean = FeatureDistribution.decode(n.path("mean").asText());
            float[] precision = FeatureDistribution.decode(n.path("precision").asText());
            if (precision.length != mean.length * mean.length) {
                throw new IOException("layer " + n.path("key").asText() + " has " + mean.length + " means and " + precision.length
                        + " precision entries");
            }
            layers.put(n.path("key").asText(), new LayerDistribution(new FeatureDistribution(mean, precision, n.path("shrinkage")
                    .asDouble()), n.path("scale").asDouble()));
        }
        OodRecord record = JSON.treeToValue(o, OodRecord.class);
        if (!record.layers().equals(List.copyOf(layers.keySet()))) {
            throw new IOException("the record names layers " + record.layers() + " but the file holds " + layers.keySet());
        }
        return new OodModel(layers, record);
    }
}
