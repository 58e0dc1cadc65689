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
