package org.mvdcn.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The options as run records held them before they were grouped: one flat object, with the
 * optimisation choices (when recorded at all) in a sub-object of their own, and in runs written by
 * 0.1 the crop and the down-scaling too ({@link RunRecord} moves those to the preprocessing). Read
 * only, by {@link RunRecord}, into the grouped form; what a record lacks is the paper's, as it was then.
 */
final class FlatTrainingOptions {

    /** The group each flat option went to. */
    private static final Map<String, String> GROUP = Map.ofEntries(
            Map.entry("fraction", "data"), Map.entry("threads", "data"), Map.entry("skipBad", "data"),
            Map.entry("epochs", "optimisation"), Map.entry("batch", "optimisation"), Map.entry("learningRate", "optimisation"),
            Map.entry("warmupSteps", "optimisation"), Map.entry("schedule", "optimisation"), Map.entry("clipGradNorm", "optimisation"),
            Map.entry("patience", "optimisation"),
            Map.entry("noiseStd", "regularisation"), Map.entry("dropout", "regularisation"),
            Map.entry("width", "initialisation"), Map.entry("init", "initialisation"),
            Map.entry("seed", "run"), Map.entry("layerStatsEvery", "run"));

    private FlatTrainingOptions() {}

    /** The options a flat {@code options} object of a run record held. */
    static TrainingOptions grouped(JsonNode flat) throws IOException {
        ObjectNode grouped = RunRecord.JSON.valueToTree(TrainingOptions.paper());
        for (JsonNode level : List.of(flat, flat.path("optimisation"))) {
            for (Iterator<Map.Entry<String, JsonNode>> it = level.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> option = it.next();
                if (GROUP.containsKey(option.getKey())) {
                    ((ObjectNode) grouped.get(GROUP.get(option.getKey()))).set(option.getKey(), option.getValue());
                }
            }
        }
        return RunRecord.JSON.treeToValue(grouped, TrainingOptions.class);
    }
}
