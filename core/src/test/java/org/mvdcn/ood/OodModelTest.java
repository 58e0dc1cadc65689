package org.mvdcn.ood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mvdcn.exam.View;

class OodModelTest {

    /** Two layers per column: a 3-value "input" and a 6-value block, each image drawn around its layer's mean. */
    private static ExamSignature exam(Random r, double shift, View shifted, String shiftedLayer) {
        Map<View, Map<String, double[]>> views = new EnumMap<>(View.class);
        for (View v : View.values()) {
            String column = v.projection() == View.Projection.CC ? "cc" : "mlo";
            Map<String, double[]> layers = new LinkedHashMap<>();
            for (String layer : List.of("input", "conv1")) {
                double[] x = new double[layer.equals("input") ? 3 : 6];
                for (int j = 0; j < x.length; j++) {
                    x[j] = j + r.nextGaussian() + (v == shifted && layer.equals(shiftedLayer) ? shift : 0);
                }
                layers.put(column + "." + layer, x);
            }
            views.put(v, layers);
        }
        return new ExamSignature(views);
    }

    private static List<ExamSignature> exams(Random r, int n) {
        List<ExamSignature> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(exam(r, 0, null, null));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void flagsAnExamShiftedInOneLayerOfOneViewAndNamesIt(long seed) throws Exception {
        Random r = new Random(seed);
        OodModel model = OodModel.fit(exams(r, 400), exams(r, 200));
        assertThat(model.record().layers()).containsExactly("cc.conv1", "cc.input", "mlo.conv1", "mlo.input");
        // the threshold is the validation scores' 99th percentile: about 1% of new in-distribution exams lie above it
        long flagged = exams(r, 1000).stream().filter(e -> model.check(e).flag()).count();
        assertThat(flagged).isBetween(0L, 40L);
        OodCheck shifted = model.check(exam(r, 8, View.R_MLO, "conv1"));
        assertThat(shifted.flag()).isTrue();
        assertThat(shifted.where()).isEqualTo("R-MLO block conv1");
        OodCheck intensities = model.check(exam(r, 8, View.L_CC, "input"));
        assertThat(intensities.flag()).isTrue();
        assertThat(intensities.where()).isEqualTo("L-CC intensities");

        OodModel read = OodModel.fromJson(model.toJson());
        assertThat(read.record()).isEqualTo(model.record());
        ExamSignature probe = exam(r, 3, View.L_MLO, "conv1");
        assertThat(read.check(probe).distance()).isCloseTo(model.check(probe).distance(), within(1e-4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"dimension\":256,\"train_exams\":10,\"validation_exams\":5,\"shrinkage\":0.1,\"threshold\":3.0,"
            + "\"percentile\":99.0,\"mean\":\"\",\"precision\":\"\"}"})
    void aRecordFromBeforeTheMultiDepthCheckIsNoCheck(String old) throws Exception {
        assertThat(OodModel.fromJson(old)).isNull();
    }
}
