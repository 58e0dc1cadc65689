package org.mvdcn.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cohort's promise to the resolution study: BI-RADS 0 detail fades with down-scaling, BI-RADS 2 findings stay. */
class FindingVisibilityTest {

    @Test
    void fineFindingsFadeAtAnEighthWhileCoarseOnesStay() {
        Map<Finding.Kind, FindingVisibility.Visibility> measured = FindingVisibility.measure(3, 2);
        Map<Finding.Kind, double[]> v = new java.util.EnumMap<>(Finding.Kind.class);
        measured.forEach((kind, m) -> v.put(kind, m.peakOverClutter()));
        double[] micro = v.get(Finding.Kind.MICROCALCIFICATIONS);
        assertThat(micro[0]).as("microcalcifications visible at full resolution").isGreaterThan(4);
        assertThat(micro[3] / micro[0]).as("microcalcifications at 1/8").isLessThan(0.2);
        assertThat(micro[2] / micro[0]).as("microcalcifications at 1/4").isLessThan(0.5);
        double[] spiculated = v.get(Finding.Kind.SPICULATED_DENSITY);
        assertThat(spiculated[3] / spiculated[0]).as("spiculated density at 1/8").isLessThan(0.4);
        for (Finding.Kind coarse : new Finding.Kind[] {Finding.Kind.BENIGN_CALCIFICATIONS, Finding.Kind.CIRCUMSCRIBED_MASS}) {
            double[] c = v.get(coarse);
            assertThat(c[3] / c[0]).as("%s at 1/8", coarse).isGreaterThan(0.45);
            assertThat(c[3]).as("%s still visible at 1/8", coarse).isGreaterThan(4);
        }
    }
}
