package org.mvdcn.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mvdcn.BadInputException;
import org.mvdcn.TestData;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.TestImages;
import org.mvdcn.exam.View;

class PreparedViewTest {

    private static Mammogram image(int h, int w, java.util.function.IntBinaryOperator f) {
        float[] p = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                p[y * w + x] = f.applyAsInt(y, x);
            }
        }
        return new Mammogram(Path.of("synthetic.png"), h, w, p);
    }

    @Test
    void standardisesToZeroMeanUnitPopulationStd() {
        // values 1..12: mean 6.5, population std sqrt(143/12)
        Mammogram m = image(3, 4, (y, x) -> y * 4 + x + 1);
        float[] crop = PreparedView.prepare(m, Padding.BACKGROUND).crop(new CropWindow(0, 0, 3, 4));
        double std = Math.sqrt(143.0 / 12);
        // tissue (larger values) is on the right, so the image is mirrored: first pixel is 4
        assertThat(crop[0]).isCloseTo((float) ((4 - 6.5) / std), within(1e-6f));
        assertThat(crop[11]).isCloseTo((float) ((9 - 6.5) / std), within(1e-6f));
    }

    @Test
    void everyCropPixelIsItsSourcePixelStandardisedOrTheBackground() {
        // 7 x 9, tissue on the left (kept) and on the right (mirrored); windows inside, overhanging
        // each side, and wider than the image
        int h = 7;
        int w = 9;
        for (boolean tissueRight : new boolean[] {false, true}) {
            Mammogram m = image(h, w, (y, x) -> 100 + 10 * (tissueRight ? x : w - 1 - x) + y % 3);
            PreparedView v = PreparedView.prepare(m, Padding.BACKGROUND);
            assertThat(v.mirrored()).isEqualTo(tissueRight);
            float[] p = m.pixels();
            double mean = 0;
            for (float f : p) {
                mean += f / p.length;
            }
            double squares = 0;
            for (float f : p) {
                squares += (f - mean) * (f - mean);
            }
            double std = Math.sqrt(squares / p.length);
            double background = (100 - mean) / std;
            for (CropWindow window : new CropWindow[] {new CropWindow(1, 2, 4, 5), new CropWindow(-2, -3, 5, 6),
                    new CropWindow(3, 6, 6, 7), new CropWindow(-1, -2, 10, 14)}) {
                float[] crop = v.crop(window);
                for (int r = 0; r < window.height(); r++) {
                    for (int c = 0; c < window.width(); c++) {
                        int y = window.top() + r;
                        int x = window.left() + c;
                        boolean inside = y >= 0 && y < h && x >= 0 && x < w;
                        double expected = inside ? (p[y * w + (tissueRight ? w - 1 - x : x)] - mean) / std : background;
                        assertThat((double) crop[r * window.width() + c]).as("%s row %d column %d", window, r, c)
                                .isCloseTo(expected, within(1e-6));
                    }
                }
            }
        }
    }

    @Test
    void mirrorsOnlyImagesWhoseChestWallIsOnTheRight() {
        Mammogram left = image(60, 40, (y, x) -> TestImages.breast(y, x, 60, 40, true));
        Mammogram right = image(60, 40, (y, x) -> TestImages.breast(y, x, 60, 40, false));
        PreparedView l = PreparedView.prepare(left, Padding.BACKGROUND);
        PreparedView r = PreparedView.prepare(right, Padding.BACKGROUND);
        assertThat(l.mirrored()).isFalse();
        assertThat(r.mirrored()).isTrue();
        CropWindow all = new CropWindow(0, 0, 60, 40);
        assertThat(r.crop(all)).containsExactly(l.crop(all));
    }

    @Test
    void theOrientationAFileStatesWinsOverThePixels() {
        Mammogram left = image(60, 40, (y, x) -> TestImages.breast(y, x, 60, 40, true));
        Mammogram statedRight = new Mammogram(left.source(), 60, 40, left.pixels(), Mammogram.ChestWall.RIGHT);
        Mammogram right = image(60, 40, (y, x) -> TestImages.breast(y, x, 60, 40, false));
        Mammogram statedLeft = new Mammogram(right.source(), 60, 40, right.pixels(), Mammogram.ChestWall.LEFT);
        assertThat(PreparedView.prepare(statedRight, Padding.BACKGROUND).mirrored()).isTrue();
        assertThat(PreparedView.prepare(statedLeft, Padding.BACKGROUND).mirrored()).isFalse();
        // the statement survives down-scaling
        assertThat(BicubicDownscale.apply(statedRight, 2).chestWall()).isEqualTo(Mammogram.ChestWall.RIGHT);
    }

    @Test
    void sampleExamRightViewsAreAlreadyMirroredAndStayAsTheyAre() {
        ExamImages exam = ExamImages.readPngFolder(TestData.sampleExam());
        for (View v : View.values()) {
            assertThat(PreparedView.prepare(exam.view(v), Padding.BACKGROUND).mirrored()).as(v.label()).isFalse();
        }
    }

    @Test
    void padsSmallImagesWithTheirBackgroundValue() {
        Mammogram m = image(4, 3, (y, x) -> x == 0 ? 10 : 2);
        PreparedView v = PreparedView.prepare(m, Padding.BACKGROUND);
        float[] crop = v.crop(CropPlacement.centred(4, 3, 6, 5));
        float background = v.crop(new CropWindow(0, 2, 1, 1))[0];
        float tissue = v.crop(new CropWindow(0, 0, 1, 1))[0];
        assertThat(crop).hasSize(30);
        // rows 0 and 5 and columns 3, 4 are padding; image rows 0..3 land in crop rows 1..4
        assertThat(crop[0]).isEqualTo(background);
        assertThat(crop[5 * 5 + 4]).isEqualTo(background);
        assertThat(crop[1 * 5]).isEqualTo(tissue);
        assertThat(crop[1 * 5 + 3]).isEqualTo(background);
    }

    @Test
    void meanPaddingIsZeroAfterStandardisation() {
        // 4 pixels of 10, 8 of 2: mean 14/3, population std sqrt((4 (16/3)^2 + 8 (8/3)^2) / 12) = sqrt(128/9)
        Mammogram m = image(4, 3, (y, x) -> x == 0 ? 10 : 2);
        float[] crop = PreparedView.prepare(m, Padding.MEAN).crop(CropPlacement.centred(4, 3, 6, 5));
        assertThat(crop[0]).isZero();
        assertThat(crop[5 * 5 + 4]).isZero();
        assertThat(crop[1 * 5]).isCloseTo((float) ((10 - 14 / 3.0) / Math.sqrt(128 / 9.0)), within(1e-6f));
        assertThat(crop[1 * 5 + 1]).isCloseTo((float) ((2 - 14 / 3.0) / Math.sqrt(128 / 9.0)), within(1e-6f));
    }

    @Test
    void refusesAConstantImage() {
        Mammogram m = image(5, 5, (y, x) -> 77);
        assertThatThrownBy(() -> PreparedView.prepare(m, Padding.BACKGROUND))
                .isInstanceOf(BadInputException.class)
                .hasMessage("synthetic.png: constant image (every pixel is 77.0, standard deviation 0): nothing to standardise");
    }
}
