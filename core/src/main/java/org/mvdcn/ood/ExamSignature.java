package org.mvdcn.ood;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mvdcn.exam.View;

/**
 * What one exam looks like to the network at several depths ({@link ImageStatisticsProbe}): per
 * view, a vector per measured layer, keyed by the column's layer name ({@code cc.input},
 * {@code mlo.conv2c}). Both views of a column share its keys, so the training distribution of a
 * key is fitted on every image that column read.
 */
public record ExamSignature(Map<View, Map<String, double[]>> views) {

    public ExamSignature {
        Map<View, Map<String, double[]>> copy = new EnumMap<>(View.class);
        views.forEach((v, layers) -> copy.put(v, Map.copyOf(layers)));
        views = copy;
    }

    /** The element-wise mean of several signatures of one exam (its crop sets): what a scored exam is checked with. */
    public static ExamSignature mean(List<ExamSignature> sets) {
        Map<View, Map<String, double[]>> out = new EnumMap<>(View.class);
        for (Map.Entry<View, Map<String, double[]>> v : sets.get(0).views().entrySet()) {
            Map<String, double[]> layers = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> l : v.getValue().entrySet()) {
                double[] sum = new double[l.getValue().length];
                for (ExamSignature s : sets) {
                    double[] x = s.views().get(v.getKey()).get(l.getKey());
                    for (int j = 0; j < sum.length; j++) {
                        sum[j] += x[j] / sets.size();
                    }
                }
                layers.put(l.getKey(), sum);
            }
            out.put(v.getKey(), layers);
        }
        return new ExamSignature(out);
    }
}
