package org.mvdcn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.mvdcn.UsageException;

class LearningRateScheduleTest {

    @Test
    void warmUpRisesLinearlyThenTheRateStaysConstant() {
        LearningRateSchedule s = new LearningRateSchedule(1e-3, 4, LearningRateSchedule.Decay.CONSTANT, 100);
        assertThat(s.rate(1)).isCloseTo(0.25e-3, within(1e-12));
        assertThat(s.rate(2)).isCloseTo(0.50e-3, within(1e-12));
        assertThat(s.rate(4)).isCloseTo(1e-3, within(1e-12));
        assertThat(s.rate(5)).isEqualTo(1e-3);
        assertThat(s.rate(100)).isEqualTo(1e-3);
    }

    @Test
    void cosineFallsFromTheBaseAfterWarmUpToZeroAtTheLastStep() {
        LearningRateSchedule s = new LearningRateSchedule(2e-3, 10, LearningRateSchedule.Decay.COSINE, 110);
        assertThat(s.rate(10)).isCloseTo(2e-3, within(1e-12));
        assertThat(s.rate(60)).isCloseTo(1e-3, within(1e-12)); // half-way through the decay: cos(pi/2) = 0
        assertThat(s.rate(35)).isCloseTo(2e-3 * 0.5 * (1 + Math.cos(Math.PI / 4)), within(1e-12));
        assertThat(s.rate(110)).isCloseTo(0, within(1e-15));
        assertThat(s.rate(200)).isCloseTo(0, within(1e-15));
    }

    @Test
    void withoutWarmUpTheFirstStepRunsAtTheBaseRate() {
        assertThat(new LearningRateSchedule(1e-5, 0, LearningRateSchedule.Decay.CONSTANT, 10).rate(1)).isEqualTo(1e-5);
        assertThat(new LearningRateSchedule(1e-5, 0, LearningRateSchedule.Decay.COSINE, 10).rate(1))
                .isCloseTo(1e-5 * 0.5 * (1 + Math.cos(Math.PI / 10)), within(1e-15));
    }

    @Test
    void scheduleNamesParseAndUnknownOnesSayWhatIsAllowed() {
        assertThat(LearningRateSchedule.Decay.parse("Cosine")).isEqualTo(LearningRateSchedule.Decay.COSINE);
        assertThatThrownBy(() -> LearningRateSchedule.Decay.parse("linear")).isInstanceOf(UsageException.class)
                .hasMessage("unknown schedule 'linear' (expected constant or cosine)");
    }
}
