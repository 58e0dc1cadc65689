package org.mvdcn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrainingLayoutTest {

    @Test
    void avx2OnlyCpusTrainNchwAndAvx512OnesOrUnknownOnesChannelsLast() {
        // flags lines as /proc/cpuinfo gives them: an AMD EPYC (AVX2) and an Intel Xeon (AVX-512)
        assertThat(TrainingLayout.forFlags(" fpu sse2 avx avx2 fma bmi2 ")).isEqualTo(TrainingLayout.NCHW);
        assertThat(TrainingLayout.forFlags(" fpu avx2 fma avx512f avx512dq avx512_bf16 amx_tile ")).isEqualTo(TrainingLayout.CHANNELS_LAST);
        // avx512fp16 alone is not avx512f; a missing /proc/cpuinfo keeps the layout measured best on AVX-512
        assertThat(TrainingLayout.forFlags(" avx2 avx512fp16 ")).isEqualTo(TrainingLayout.NCHW);
        assertThat(TrainingLayout.forFlags(null)).isEqualTo(TrainingLayout.CHANNELS_LAST);
    }

    @Test
    void thePropertyOverridesTheChoiceAndAnUnknownValueIsNamed() {
        String before = System.getProperty(TrainingLayout.PROPERTY);
        try {
            System.setProperty(TrainingLayout.PROPERTY, "nchw");
            assertThat(TrainingLayout.current()).isEqualTo(TrainingLayout.NCHW);
            System.setProperty(TrainingLayout.PROPERTY, "Channels-Last");
            assertThat(TrainingLayout.current()).isEqualTo(TrainingLayout.CHANNELS_LAST);
            System.setProperty(TrainingLayout.PROPERTY, "blocked");
            assertThatThrownBy(TrainingLayout::current).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("mvdcn.training.layout=blocked: expected auto, channels-last or nchw");
        } finally {
            if (before == null) {
                System.clearProperty(TrainingLayout.PROPERTY);
            } else {
                System.setProperty(TrainingLayout.PROPERTY, before);
            }
        }
    }
}
