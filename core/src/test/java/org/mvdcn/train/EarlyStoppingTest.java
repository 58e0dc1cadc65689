package org.mvdcn.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

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
        EarlyStopping two = new EarlyStopping(2, line -> { });
        assertThat(two.spent(after())).isFalse();
        assertThat(two.spent(after(0.6, 0.7))).isFalse();
        assertThat(two.spent(after(0.6, 0.7, 0.65))).isFalse();
        assertThat(two.spent(after(0.6, 0.7, 0.65, 0.7))).as("a tie is not a rise").isTrue();
        assertThat(two.spent(after(0.6, 0.7, 0.65, 0.71))).isFalse();
        double[] flat = new double[50];
        Arrays.fill(flat, 0.5);
        assertThat(new EarlyStopping(0, line -> { }).spent(after(flat))).as("the paper's recipe trains every epoch").isFalse();
    }

    @Test
    void aSpentPatienceStopsTheRunAndSaysWhy() {
        List<String> log = new ArrayList<>();
        EarlyStopping two = new EarlyStopping(2, log::add);
        TrainingState going = after(0.6, 0.7, 0.65);
        two.onRecorded(going.history().get(2), going);
        assertThat(going.stoppedEarly()).isFalse();
        assertThat(log).isEmpty();

        // a run resumed after it had waited its patience out ends before another epoch
        TrainingState resumed = after(0.6, 0.7, 0.65, 0.69);
        two.onTrainingBegin(resumed);
        assertThat(resumed.stoppedEarly()).isTrue();
        assertThat(log).containsExactly("validation macAUC has not risen for 2 epochs: stopping after epoch 4 (best: epoch 2, 0.7000)");
    }
}
