package org.mvdcn.predict;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.mvdcn.assess.ExamCheck;

/** A prediction as JSON, the same wherever one is printed or stored (predict --json, the service's result folder). */
public final class PredictionJson {

    /** What the probabilities of an exam not assessed are for. */
    public static final String NOT_FOR_READING = "not assessed: these probabilities are for research only, not for reading the exam";

    private PredictionJson() {}

    /**
     * {@code {"assessed": false, "not_assessed_because": [...], "findings": [{"severity", "code", "reason"}],
     * "probabilities": {"BI-RADS 0": p0, ...}, "probabilities_note": "...", "calibrated": true, "temperature": t,
     * "entropy": h, "crops": n, "seconds": s, "ood": {"distance": d, "threshold": t, "flag": f, "where": w}}}
     * ("temperature" only when calibrated, "ood" when the model carries its training distribution,
     * "probabilities_note" when not assessed: the probabilities stay for research); callers add what they know.
     */
    public static ObjectNode of(Prediction p) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("assessed", p.assessed());
        ArrayNode because = root.putArray("not_assessed_because");
        p.notAssessedBecause().forEach(because::add);
        ArrayNode findings = root.putArray("findings");
        for (ExamCheck c : p.findings()) {
            findings.addObject().put("severity", c.severity().name().toLowerCase(Locale.ROOT).replace('_', ' ')).put("code", c.code())
                    .put("reason", c.reason());
        }
        if (!p.assessed()) {
            root.put("probabilities_note", NOT_FOR_READING);
        }
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
            ObjectNode ood = root.putObject("ood").put("distance", p.ood().distance()).put("threshold", p.ood().threshold())
                    .put("flag", p.ood().flag());
            if (p.ood().where() != null) {
                ood.put("where", p.ood().where());
            }
        }
        return root;
    }
}
