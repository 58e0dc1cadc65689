package org.mvdcn.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ViewSamplerTest {

    private static ImageRecord image(String name, LocalDateTime at) {
        return new ImageRecord(Path.of("/data", name), at, 2);
    }

    @Test
    void validationTakesTheEarliestThenTheFileName() {
        ImageRecord late = image("a.png", LocalDateTime.of(2016, 1, 1, 10, 5));
        ImageRecord early = image("z.png", LocalDateTime.of(2016, 1, 1, 10, 0));
        ImageRecord undated = image("0.png", null);
        ImageRecord earlyToo = image("m.png", LocalDateTime.of(2016, 1, 1, 10, 0));
        Random rng = new Random(1);
        assertThat(ViewSampler.pick(List.of(undated, late, early), Split.VALIDATION, rng)).isEqualTo(early);
        assertThat(ViewSampler.pick(List.of(early, earlyToo), Split.VALIDATION, rng)).isEqualTo(earlyToo);
        assertThat(ViewSampler.pick(List.of(image("b.png", null), undated), Split.VALIDATION, rng)).isEqualTo(undated);
    }

    @Test
    void trainingAndTestDrawUniformly() {
        List<ImageRecord> images = List.of(image("a.png", null), image("b.png", null), image("c.png", null));
        for (Split split : List.of(Split.TRAIN, Split.TEST)) {
            Random rng = new Random(42);
            int[] counts = new int[3];
            for (int i = 0; i < 30000; i++) {
                counts[images.indexOf(ViewSampler.pick(images, split, rng))]++;
            }
            // each expected 10000; 5 standard deviations (~82) either way
            for (int c : counts) {
                assertThat(c).isBetween(9600, 10400);
            }
        }
    }
}
