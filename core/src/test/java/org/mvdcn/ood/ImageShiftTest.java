package org.mvdcn.ood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;

class ImageShiftTest {

    /** A breast-like image: bright on the chest-wall side (left), fading towards the nipple, textured. */
    private static Mammogram breast(int h, int w, long seed) {
        Random r = new Random(seed);
        float[] p = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double inside = Math.hypot((double) x / w, (y - h / 2.0) / h * 1.2) < 0.7 ? 1 : 0;
                p[y * w + x] = (float) (inside * (30000 - 20000.0 * x / w + 2000 * r.nextGaussian()));
            }
        }
        return new Mammogram(Path.of("breast.png"), h, w, p);
    }

    private static ExamImages exam() {
        Map<View, Mammogram> views = new EnumMap<>(View.class);
        for (View v : View.values()) {
            views.put(v, breast(64, 48, v.ordinal()));
        }
        return new ExamImages(Path.of("exam"), views);
    }

    @ParameterizedTest
    @EnumSource(ImageShift.class)
    void everyShiftKeepsTheSizeAndChangesThePixels(ImageShift shift) {
        ExamImages original = exam();
        for (long seed : new long[] {1, 2, 3}) {
            ExamImages shifted = shift.apply(original, seed);
            for (View v : View.values()) {
                Mammogram before = original.view(v);
                Mammogram after = shifted.view(v);
                assertThat(after.height()).isEqualTo(before.height());
                assertThat(after.width()).isEqualTo(before.width());
                double moved = 0;
                for (int i = 0; i < before.pixels().length; i++) {
                    moved += Math.abs(after.pixels()[i] - before.pixels()[i]);
                    assertThat(Float.isFinite(after.pixels()[i])).isTrue();
                }
                assertThat(moved / before.pixels().length).as(shift + " " + v).isGreaterThan(100);
            }
        }
    }

    @Test
    void invertingTwiceGivesTheImageBack() {
        ExamImages original = exam();
        ExamImages twice = ImageShift.INVERTED.apply(ImageShift.INVERTED.apply(original, 1), 1);
        assertThat(twice.view(View.L_CC).pixels()).containsExactly(original.view(View.L_CC).pixels(), within(0.01f));
    }

    @Test
    void blurKeepsAConstantImageAndAveragesAStepSymmetrically() {
        float[] flat = new float[40 * 30];
        java.util.Arrays.fill(flat, 7f);
        float[] blurred = ImageShift.blur(new Mammogram(Path.of("c"), 40, 30, flat), 2);
        for (float v : blurred) {
            assertThat(v).isCloseTo(7f, within(1e-4f));
        }
        float[] step = new float[40 * 30];
        for (int y = 0; y < 40; y++) {
            for (int x = 15; x < 30; x++) {
                step[y * 30 + x] = 1;
            }
        }
        float[] s = ImageShift.blur(new Mammogram(Path.of("s"), 40, 30, step), 2);
        // a symmetric kernel puts the step's half-way value between columns 14 and 15
        assertThat(s[20 * 30 + 14] + s[20 * 30 + 15]).isCloseTo(1f, within(1e-4f));
        assertThat(s[20 * 30 + 14]).isBetween(0.2f, 0.5f);
    }

    @Test
    void resamplingAConstantKeepsItAndHalvingARampHalvesItsSlope() {
        float[] ramp = new float[20 * 40];
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                ramp[y * 40 + x] = x;
            }
        }
        float[] half = ImageShift.resample(ramp, 20, 40, 10, 20);
        // interior columns step by 2 (each half-size pixel spans two)
        assertThat(half[5 * 20 + 10] - half[5 * 20 + 9]).isCloseTo(2f, within(1e-3f));
    }
}
