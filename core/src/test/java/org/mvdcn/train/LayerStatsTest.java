package org.mvdcn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerStatsTest {

    @Test
    void activationStatisticsMatchAHandComputation() {
        // two exams, two channels, 1 x 2 maps; channel 1 is zero everywhere: dead
        float[] values = {
            1, 3, /* exam 0 channel 0 */ 0, 0, /* exam 0 channel 1 */
            5, 0, /* exam 1 channel 0 */ 0, 0 /* exam 1 channel 1 */};
        try (NDManager manager = NDManager.newBaseManager()) {
            LayerStats stats = new LayerStats(7, 2);
            stats.activation("cc.conv1", manager.create(values, new Shape(2, 2, 1, 2)));
            stats.preActivation("cc.conv1", manager.create(new float[] {-1, 1, -1, 1}, new Shape(1, 1, 2, 2)));
            List<LayerStats.Row> rows = stats.rows();
            assertThat(rows).hasSize(1);
            LayerStats.Row r = rows.get(0);
            assertThat(r.step()).isEqualTo(7);
            assertThat(r.epoch()).isEqualTo(2);
            assertThat(r.mean()).isCloseTo(9.0 / 8, within(1e-6));
            double variance = (1 + 9 + 25) / 8.0 - (9.0 / 8) * (9.0 / 8);
            assertThat(r.std()).isCloseTo(Math.sqrt(variance), within(1e-6));
            assertThat(r.zeroShare()).isCloseTo(5.0 / 8, within(1e-9));
            assertThat(r.deadShare()).isCloseTo(0.5, within(1e-9));
            // per-exam spatial means: channel 0: 2 and 2.5 (std 0.25), channel 1: 0 and 0 -> mean over channels 0.125
            assertThat(r.betweenExamStd()).isCloseTo(0.125, within(1e-6));
            assertThat(r.preStd()).isCloseTo(1.0, within(1e-6));
            assertThat(r.gradNorm()).isNaN();
        }
    }
}
