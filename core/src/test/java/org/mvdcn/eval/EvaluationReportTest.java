package org.mvdcn.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EvaluationReportTest {

    private static double[][] predictions(Random rng, int[] labels, double signal) {
        double[][] p = new double[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            double[] z = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
            z[labels[i]] += signal;
            double sum = Math.exp(z[0]) + Math.exp(z[1]) + Math.exp(z[2]);
            p[i] = new double[] {Math.exp(z[0]) / sum, Math.exp(z[1]) / sum, Math.exp(z[2]) / sum};
        }
        return p;
    }

    @Test
    void reportAgreesWithAnIndependentComputation() throws Exception {
        Random rng = new Random(12);
        int[] testLabels = rng.ints(400, 0, 3).toArray();
        double[][] test = predictions(rng, testLabels, 1.2);
        double[][] validation = predictions(rng, rng.ints(200, 0, 3).toArray(), 1.2);
        EvaluationReport r = EvaluationReport.of(test, testLabels, validation, 200, 3);

        double mac = 0;
        for (int k = 0; k < 3; k++) {
            assertThat(r.auc()[k]).isCloseTo(PairwiseAuc.ofClass(test, testLabels, k), within(1e-12));
            mac += PairwiseAuc.ofClass(test, testLabels, k) / 3;
        }
        assertThat(r.macAuc()).isCloseTo(mac, within(1e-12));

        // the 30% row: cut-off = 60th smallest validation entropy; test exams at or under it, scored independently
        double[] hv = ClassificationMetrics.entropies(validation);
        double[] sorted = hv.clone();
        Arrays.sort(sorted);
        EvaluationReport.ConfidentRow row = r.headline();
        assertThat(row.entropyCutoff()).isEqualTo(sorted[59]);
        double[] ht = ClassificationMetrics.entropies(test);
        int kept = (int) Arrays.stream(ht).filter(h -> h <= sorted[59]).count();
        assertThat(row.testExams()).isEqualTo(kept);
        double[][] keptP = new double[kept][];
        int[] keptY = new int[kept];
        for (int i = 0, j = 0; i < ht.length; i++) {
            if (ht[i] <= sorted[59]) {
                keptP[j] = test[i];
                keptY[j++] = testLabels[i];
            }
        }
        double hc = 0;
        for (int k = 0; k < 3; k++) {
            hc += PairwiseAuc.ofClass(keptP, keptY, k) / 3;
        }
        assertThat(r.hcMacAuc()).isCloseTo(hc, within(1e-12));
        assertThat(r.confident().get(r.confident().size() - 1).testExams()).isEqualTo(400);
        assertThat(r.hcMacAuc()).as("the confident are more often right").isGreaterThan(r.macAuc());

        JsonNode json = new ObjectMapper().readTree(ModelEvaluation.json(r));
        assertThat(json.path("exams").asInt()).isEqualTo(400);
        assertThat(json.path("auc").path("2").asDouble()).isEqualTo(r.auc()[2]);
        assertThat(json.path("macAUC_ci").size()).isEqualTo(2);
        assertThat(json.path("macAUC_ci").get(0).asDouble()).isLessThan(r.macAuc());
        assertThat(json.path("hc_macAUC").asDouble()).isEqualTo(r.hcMacAuc());
        assertThat(json.path("hc_macAUC_by_share")).hasSize(5);
    }

    @Test
    void rocCurvesRunFromTheOriginToTheCornerWithTiedScoresTogether() {
        var points = RocCurve.points(new double[] {0.9, 0.5, 0.5, 0.1}, new boolean[] {true, true, false, false});
        assertThat(points).containsExactly(new RocCurve.Point(0, 0), new RocCurve.Point(0, 0.5), new RocCurve.Point(0.5, 1),
                new RocCurve.Point(1, 1));
    }
}
