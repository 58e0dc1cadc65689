package org.mvdcn.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CropPlacementTest {

    @Test
    void centredPlacementIsLeftmostAndVerticallyCentred() {
        assertThat(CropPlacement.centred(2700, 2150, 2600, 2000)).isEqualTo(new CropWindow(50, 0, 2600, 2000));
        assertThat(CropPlacement.centred(2600, 2000, 2600, 2000)).isEqualTo(new CropWindow(0, 0, 2600, 2000));
    }

    @Test
    void randomShiftsStayWithinTheSpecBoundsAndReachThem() {
        // image 2900 x 2040: b_right = 40, b_top = b_bottom = 150 -> capped at 100
        Random rng = new Random(1);
        int minTop = Integer.MAX_VALUE;
        int maxTop = Integer.MIN_VALUE;
        int maxLeft = 0;
        for (int i = 0; i < 20000; i++) {
            CropWindow w = CropPlacement.random(2900, 2040, 2600, 2000, CropPlacement.MAX_SHIFT, rng);
            assertThat(w.left()).isBetween(0, 40);
            assertThat(w.top()).isBetween(150 - 100, 150 + 100);
            minTop = Math.min(minTop, w.top());
            maxTop = Math.max(maxTop, w.top());
            maxLeft = Math.max(maxLeft, w.left());
        }
        assertThat(minTop).isEqualTo(50);
        assertThat(maxTop).isEqualTo(250);
        assertThat(maxLeft).isEqualTo(40);
    }

    @Test
    void asymmetricVerticalRoomIsRespected() {
        // 2601 rows: centred top = 0, one free row below, none above
        Random rng = new Random(7);
        for (int i = 0; i < 1000; i++) {
            assertThat(CropPlacement.random(2601, 2000, 2600, 2000, CropPlacement.MAX_SHIFT, rng).top()).isBetween(0, 1);
        }
    }

    @Test
    void smallerImagesAreNotShiftedAndGetPadded() {
        Random rng = new Random(3);
        for (int i = 0; i < 100; i++) {
            CropWindow w = CropPlacement.random(2000, 1500, 2600, 2000, CropPlacement.MAX_SHIFT, rng);
            assertThat(w).isEqualTo(new CropWindow(-300, 0, 2600, 2000));
        }
    }
}
