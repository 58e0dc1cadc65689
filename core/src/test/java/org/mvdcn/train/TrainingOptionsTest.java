package org.mvdcn.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingOptionsTest {

    private static TrainingState after(double... validationMacAucs) {
        TrainingState state = new TrainingState(CheckpointState.fresh());
        for (int i = 0; i < validationMacAucs.length; i++) {
            EpochRecord r = new EpochRecord(i + 1, 1.0, validationMacAucs[i], new double[3], 1, 1, 1, 1);
            state.add(r);
            if (state.improvesOn(r)) { // as BestModelListener decides
                state.best(r);
            }
        }
        return state;
    }

    @Test
    void patienceIsSpentAfterThatManyEpochsWithoutABetterValidationMacAuc() {
        TrainingOptions two = TrainingOptions.paper().withPatience(2);
        assertThat(two.patienceSpent(after())).isFalse();
        assertThat(two.patienceSpent(after(0.6, 0.7))).isFalse();
        assertThat(two.patienceSpent(after(0.6, 0.7, 0.65))).isFalse();
        assertThat(two.patienceSpent(after(0.6, 0.7, 0.65, 0.7))).as("a tie is not a rise").isTrue();
        assertThat(two.patienceSpent(after(0.6, 0.7, 0.65, 0.71))).isFalse();
        List<Double> flat = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            flat.add(0.5);
        }
        assertThat(TrainingOptions.paper().patienceSpent(after(flat.stream().mapToDouble(d -> d).toArray())))
                .as("the paper's recipe trains every epoch").isFalse();
    }
}
