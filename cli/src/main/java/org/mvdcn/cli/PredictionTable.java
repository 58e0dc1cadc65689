package org.mvdcn.cli;

import java.nio.file.Path;
import org.mvdcn.predict.Prediction;

/** The human-readable form of a prediction. */
final class PredictionTable {

    private PredictionTable() {}

    static String format(Path exam, Prediction p) {
        StringBuilder sb = new StringBuilder();
        sb.append("exam      ").append(exam).append('\n');
        if (!p.assessed()) {
            sb.append("NOT ASSESSED, because:\n");
            p.notAssessedBecause().forEach(r -> sb.append("  - ").append(r).append('\n'));
            sb.append("(probabilities below for research only, not for reading the exam)\n");
        }
        for (int k = 0; k < 3; k++) {
            sb.append(String.format("%-9s %.4f%s%n", Prediction.CLASS_NAMES[k], p.probabilities()[k],
                    k == p.predictedClass() ? "  <- most likely" : ""));
        }
        sb.append(String.format("entropy   %.4f nats (0 = certain, %.4f = uniform)%n", p.entropy(), Math.log(3)));
        sb.append(p.calibrated() ? String.format("probabilities calibrated (temperature %.4f)%n", p.temperature().getAsDouble())
                : String.format("probabilities uncalibrated%n"));
        if (p.ood() != null && !p.ood().flag()) {
            sb.append(p.ood().describe()).append('\n');
        }
        p.findings().stream().filter(c -> !c.withholds()).forEach(c -> sb.append("warning   ").append(c.reason()).append('\n'));
        sb.append(String.format("crops     %d, %.2f s", p.crops(), p.seconds()));
        return sb.toString();
    }
}
