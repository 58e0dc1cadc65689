package org.mvdcn.calibration;

import java.util.function.ToDoubleFunction;

/**
 * An evaluation's calibration: expected calibration error and per-class Brier score of the test
 * probabilities as the network gives them (before) and divided by the model's temperature (after;
 * null when the model carries none), and which of the two the evaluation's other numbers used.
 *
 * @param applied whether the evaluation's probabilities (AUCs, predictions.csv) are the calibrated ones
 * @param temperature the model's temperature; null when it carries none
 */
public record CalibrationReport(boolean applied, Double temperature, Quality before, Quality after) {

    /** ECE over {@link CalibrationMetrics#BINS} bins and the Brier score of each class against the rest. */
    public record Quality(double ece, double[] brier) {

        public static Quality of(double[][] probabilities, int[] labels) {
            return new Quality(CalibrationMetrics.ece(probabilities, labels), CalibrationMetrics.brier(probabilities, labels));
        }
    }

    /** The report's lines for a text table: which probabilities, then ECE and Brier scores before and after. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(applied ? String.format("probabilities calibrated (temperature %.4f)%n", temperature)
                : temperature != null ? String.format("probabilities uncalibrated, as asked (the model's temperature is %.4f)%n",
                        temperature)
                : String.format("probabilities uncalibrated (the model carries no temperature)%n"));
        sb.append(line(String.format("ECE (%d bins)", CalibrationMetrics.BINS), Quality::ece));
        for (int k = 0; k < before.brier().length; k++) {
            int c = k;
            sb.append(String.format("%n")).append(line("Brier BI-RADS " + k, q -> q.brier()[c]));
        }
        return sb.toString();
    }

    private String line(String name, ToDoubleFunction<Quality> metric) {
        return after == null ? String.format("%-16s %.4f", name, metric.applyAsDouble(before))
                : String.format("%-16s %.4f uncalibrated -> %.4f calibrated", name, metric.applyAsDouble(before),
                        metric.applyAsDouble(after));
    }
}
