package org.mvdcn.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mvdcn.model.WeightInit;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.train.LearningRateSchedule;
import org.mvdcn.train.TrainingOptions;

class StudiesTest {

    @Test
    void dataSizeWarmsUpForTheSameEpochsAtEveryFraction() {
        TrainingOptions base = TrainingOptions.builder().init(WeightInit.LSUV).warmupSteps(200).schedule(LearningRateSchedule.Decay.COSINE)
                .build();
        List<StudySetting> settings = Studies.dataSize(base, Preprocessing.paper());
        assertThat(settings).extracting(s -> s.options().data().fraction()).containsExactly(0.1, 0.2, 0.5, 1.0);
        assertThat(settings).extracting(s -> s.options().optimisation().warmupSteps()).containsExactly(20, 40, 100, 200);
        // the rest of the recipe, and the full set's setting, as given
        assertThat(settings).extracting(s -> s.options().initialisation().init()).containsOnly(WeightInit.LSUV);
        assertThat(settings).extracting(s -> s.options().optimisation().schedule()).containsOnly(LearningRateSchedule.Decay.COSINE);
        assertThat(settings.get(3).options()).isEqualTo(base);
    }
}
