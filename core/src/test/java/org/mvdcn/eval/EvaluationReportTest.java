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

    /** macAUC by pairwise counting over the predictions whose entropy is at most their class's cut-off. */
    private static double macAucAtOrUnder(double[][] p, int[] y, double[] h, double[] cutoffs) {
        int n = (int) java.util.stream.IntStream.range(0, h.length).filter(i -> h[i] <= cutoffs[y[i]]).count();
        double[][] keptP = new double[n][];
        int[] keptY = new int[n];
        for (int i = 0, j = 0; i < h.length; i++) {
            if (h[i] <= cutoffs[y[i]]) {
                keptP[j] = p[i];
                keptY[j++] = y[i];
            }
        }
        double mac = 0;
        for (int k = 0; k < 3; k++) {
            mac += PairwiseAuc.ofClass(keptP, keptY, k) / 3;
        }
        return mac;
    }

    @Test
    void reportAgreesWithAnIndependentComputation() throws Exception {
        Random rng = new Random(12);
        int[] testLabels = rng.ints(400, 0, 3).toArray();
        double[][] test = predictions(rng, testLabels, 1.2);
        int[] validationLabels = rng.ints(200, 0, 3).toArray();
        double[][] validation = predictions(rng, validationLabels, 1.2);
        EvaluationReport r = EvaluationReport.of(test, testLabels, validation, validationLabels, 200, 3);

        double mac = 0;
        for (int k = 0; k < 3; k++) {
            assertThat(r.auc()[k]).isCloseTo(PairwiseAuc.ofClass(test, testLabels, k), within(1e-12));
            mac += PairwiseAuc.ofClass(test, testLabels, k) / 3;
        }
        assertThat(r.macAuc()).isCloseTo(mac, within(1e-12));

        // the 30% row: class k's cut-off = the ceil(0.3 n_k)-th smallest entropy of validation class k; test exams at or
        // under their class's cut-off, scored independently
        double[] hv = ClassificationMetrics.entropies(validation);
        double[] cutoffs = new double[3];
        int expectedValidation = 0;
        for (int k = 0; k < 3; k++) {
            int c = k;
            double[] sorted = java.util.stream.IntStream.range(0, hv.length).filter(i -> validationLabels[i] == c)
                    .mapToDouble(i -> hv[i]).sorted().toArray();
            int kept = (int) Math.ceil(0.3 * sorted.length);
            cutoffs[k] = sorted[kept - 1];
            expectedValidation += kept;
        }
        EvaluationReport.ConfidentRow row = r.headline();
        assertThat(row.entropyCutoffs()).containsExactly(cutoffs);
        double[] ht = ClassificationMetrics.entropies(test);
        assertThat(row.testExams()).isEqualTo((int) java.util.stream.IntStream.range(0, ht.length)
                .filter(i -> ht[i] <= cutoffs[testLabels[i]]).count());
        double hc = macAucAtOrUnder(test, testLabels, ht, cutoffs);
        assertThat(r.hcMacAuc()).isCloseTo(hc, within(1e-12));
        assertThat(row.interval().low()).isLessThan(hc);
        assertThat(row.interval().high()).isGreaterThan(hc);
        assertThat(r.confidentTest(test, testLabels).exams()).isEqualTo(row.testExams());
        // Table 5 proper: each validation class's most confident 30% (entropies distinct), scored independently
        double validationHc = macAucAtOrUnder(validation, validationLabels, hv, cutoffs);
        assertThat(row.validationExams()).isEqualTo(expectedValidation);
        assertThat(row.validationMacAuc()).isCloseTo(validationHc, within(1e-12));
        assertThat(r.confident().get(r.confident().size() - 1).testExams()).isEqualTo(400);
        assertThat(r.hcMacAuc()).as("the confident are more often right").isGreaterThan(r.macAuc());

        JsonNode json = new ObjectMapper().readTree(EvaluationFile.json(r, null));
        assertThat(json.path("exams").asInt()).isEqualTo(400);
        assertThat(json.path("auc").path("2").asDouble()).isEqualTo(r.auc()[2]);
        assertThat(json.path("macAUC_ci").size()).isEqualTo(2);
        assertThat(json.path("macAUC_ci").get(0).asDouble()).isLessThan(r.macAuc());
        assertThat(json.path("hc_macAUC").asDouble()).isEqualTo(r.hcMacAuc());
        assertThat(json.path("hc_macAUC_by_share")).hasSize(5);
        assertThat(json.path("hc_macAUC_by_share").get(2).path("validation_macAUC").asDouble()).isCloseTo(validationHc, within(1e-12));
        assertThat(json.path("hc_macAUC_by_share").get(2).path("macAUC_ci")).hasSize(2);
        assertThat(json.path("hc_macAUC_by_share").get(2).path("validation_entropy_cutoffs").path("0").asDouble()).isEqualTo(cutoffs[0]);
    }

    @Test
    void rocCurvesRunFromTheOriginToTheCornerWithTiedScoresTogether() {
        var points = RocCurve.points(new double[] {0.9, 0.5, 0.5, 0.1}, new boolean[] {true, true, false, false});
        assertThat(points).containsExactly(new RocCurve.Point(0, 0), new RocCurve.Point(0, 0.5), new RocCurve.Point(0.5, 1),
                new RocCurve.Point(1, 1));
    }
}
