package org.mvdcn.preprocess;

import java.util.Random;

/**
 * SPEC section 2's crop placement: leftmost horizontally (the chest wall is at the left edge),
 * centred vertically, then optionally shifted by t_h ~ U(0, min(b_right, 100)) and
 * t_v ~ U(-min(b_top, 100), min(b_bottom, 100)), b_* being the free pixels between crop and image
 * border. An image smaller than the crop in a dimension has no free pixels there: no shift, and
 * the crop extends past the image (padding).
 */
public final class CropPlacement {

    public static final int MAX_SHIFT = 100;

    private CropPlacement() {}

    /** The noise-free placement (validation, and {@code --crops 1}). */
    public static CropWindow centred(int imageHeight, int imageWidth, int cropHeight, int cropWidth) {
        return new CropWindow(Math.floorDiv(imageHeight - cropHeight, 2), 0, cropHeight, cropWidth);
    }

    /** A placement with fresh random translation by up to {@code maxShift} (training, and each test-time crop). */
    public static CropWindow random(int imageHeight, int imageWidth, int cropHeight, int cropWidth, int maxShift, Random rng) {
        CropWindow base = centred(imageHeight, imageWidth, cropHeight, cropWidth);
        int right = Math.min(Math.max(imageWidth - cropWidth, 0), maxShift);
        int top = Math.min(Math.max(base.top(), 0), maxShift);
        int bottom = Math.min(Math.max(imageHeight - cropHeight - base.top(), 0), maxShift);
        int shiftRight = rng.nextInt(right + 1);
        int shiftDown = rng.nextInt(top + bottom + 1) - top;
        return new CropWindow(base.top() + shiftDown, shiftRight, cropHeight, cropWidth);
    }
}
