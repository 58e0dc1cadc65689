package org.mvdcn.predict;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A prediction as JSON, the same wherever one is printed or stored (predict --json, the service's result folder). */
public final class PredictionJson {

    private PredictionJson() {}

    /**
     * {@code {"probabilities": {"BI-RADS 0": p0, ...}, "calibrated": true, "temperature": t, "entropy": h, "crops": n,
     * "seconds": s, "ood": {"distance": d, "threshold": t, "flag": f}}} ("temperature" only when calibrated, "ood" when
     * the model carries its training distribution); callers add what they know.
     */
    public static ObjectNode of(Prediction p) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode probs = root.putObject("probabilities");
        for (int k = 0; k < 3; k++) {
            probs.put(Prediction.CLASS_NAMES[k], p.probabilities()[k]);
        }
        root.put("calibrated", p.calibrated());
        p.temperature().ifPresent(t -> root.put("temperature", t));
        root.put("entropy", p.entropy());
        root.put("crops", p.crops());
        root.put("seconds", p.seconds());
        if (p.ood() != null) {
            root.putObject("ood").put("distance", p.ood().distance()).put("threshold", p.ood().threshold()).put("flag", p.ood().flag());
        }
        return root;
    }
}
