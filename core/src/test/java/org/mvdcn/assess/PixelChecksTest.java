package org.mvdcn.assess;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;
import org.mvdcn.preprocess.Preprocessing;

class PixelChecksTest {

    private static final Preprocessing MODEL = Preprocessing.of(1, 100, 80);

    /** Tissue (bright) in the left {@code share} of the width, air elsewhere. */
    private static Mammogram image(int h, int w, double share, Mammogram.ChestWall wall) {
        float[] p = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < (int) (share * w); x++) {
                p[y * w + x] = 1000;
            }
        }
        return new Mammogram(Path.of("v.dcm"), h, w, p, wall);
    }

    private static Map<View, Mammogram> exam(Mammogram lcc) {
        Map<View, Mammogram> views = new EnumMap<>(View.class);
        for (View v : View.values()) {
            views.put(v, image(100, 80, 0.6, Mammogram.ChestWall.LEFT));
        }
        views.put(View.L_CC, lcc);
        return views;
    }

    @Test
    void aWellFormedExamPassesEveryCheck() {
        assertThat(PixelChecks.check(exam(image(100, 80, 0.6, Mammogram.ChestWall.LEFT)), MODEL)).isEmpty();
        // a PNG states no side: the tissue's side is what the preprocessing goes by, nothing to contradict
        assertThat(PixelChecks.check(exam(image(100, 80, 0.2, Mammogram.ChestWall.UNSTATED)), MODEL)).isEmpty();
    }

    @Test
    void tissueOnTheOtherSideOfTheStatedChestWallWithholdsTheAssessment() {
        List<ExamCheck> found = PixelChecks.check(exam(image(100, 80, 0.6, Mammogram.ChestWall.RIGHT)), MODEL);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).withholds()).isTrue();
        assertThat(found.get(0).code()).isEqualTo("tissue-side");
        assertThat(found.get(0).reason()).startsWith("L-CC: the file puts the chest wall on the right").contains("83% of the tissue"); // 40 of the 48 tissue columns lie in the left half
    }

    @Test
    void anImageUnderHalfTheCropWithholdsTheAssessmentNamingBothSizes() {
        List<ExamCheck> found = PixelChecks.check(exam(image(40, 80, 0.6, Mammogram.ChestWall.LEFT)), MODEL);
        assertThat(found).extracting(ExamCheck::code).containsExactly("image-size");
        assertThat(found.get(0).reason()).contains("L-CC: 40x80 pixels", "100x80");
        assertThat(PixelChecks.check(exam(image(50, 40, 0.6, Mammogram.ChestWall.LEFT)), MODEL)).as("exactly half is kept").isEmpty();
    }
}
