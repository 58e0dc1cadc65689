package org.mvdcn.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mvdcn.exam.Mammogram;

class BicubicDownscaleTest {

    private static Mammogram image(int h, int w, java.util.function.IntBinaryOperator f) {
        float[] p = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                p[y * w + x] = f.applyAsInt(y, x);
            }
        }
        return new Mammogram(Path.of("t.png"), h, w, p);
    }

    @Test
    void reproducesLinearRampsAtTheNewPixelCentres() {
        // a cubic-convolution filter with normalised weights is exact on linear functions away from the borders
        Mammogram ramp = image(64, 80, (y, x) -> 3 * x + 7 * y);
        for (int factor : new int[] {2, 4, 8}) {
            Mammogram small = BicubicDownscale.apply(ramp, factor);
            assertThat(small.height()).isEqualTo(64 / factor);
            assertThat(small.width()).isEqualTo(80 / factor);
            for (int y = 2; y < small.height() - 2; y++) {
                for (int x = 2; x < small.width() - 2; x++) {
                    double cy = (y + 0.5) * factor - 0.5;
                    double cx = (x + 0.5) * factor - 0.5;
                    assertThat((double) small.at(y, x)).as("factor %d at (%d, %d)", factor, y, x)
                            .isCloseTo(3 * cx + 7 * cy, within(1e-3));
                }
            }
        }
    }

    @Test
    void filtersFineDetailInsteadOfAliasingIt() {
        // a one-pixel checkerboard has no content a half-size image can hold: it must average out
        Mammogram checker = image(40, 40, (y, x) -> (x + y) % 2 == 0 ? 1000 : 0);
        Mammogram small = BicubicDownscale.apply(checker, 2);
        for (int y = 2; y < 18; y++) {
            for (int x = 2; x < 18; x++) {
                assertThat((double) small.at(y, x)).isCloseTo(500, within(1.0));
            }
        }
        assertThat(BicubicDownscale.apply(checker, 1)).isSameAs(checker);
    }
}
