package org.mvdcn.assess;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;
import org.mvdcn.preprocess.Orientation;
import org.mvdcn.preprocess.Preprocessing;

/**
 * The checks made on decoded images before the network runs: what the pixels say against what
 * the file says, and how the image's size compares with what the model reads.
 */
public final class PixelChecks {

    /**
     * The stated chest-wall half holds less than this share of the signal: the tissue lies on the
     * other side. A breast puts most of its signal on the chest wall's side (the sample exam: 75-93%),
     * so a third is a contradiction, not a dense nipple region.
     */
    static final double WRONG_SIDE_SHARE = 1.0 / 3;

    /** A view down-scaled to less than this share of the crop in either direction is mostly padding to the network. */
    static final double SMALLEST_SHARE = 0.5;

    private PixelChecks() {}

    public static List<ExamCheck> check(Map<View, Mammogram> images, Preprocessing preprocessing) {
        List<ExamCheck> found = new ArrayList<>();
        images.forEach((view, image) -> {
            if (image.chestWall() != Mammogram.ChestWall.UNSTATED) {
                double right = Orientation.signalOnRight(image);
                double statedSide = image.chestWall() == Mammogram.ChestWall.RIGHT ? right : 1 - right;
                if (statedSide < WRONG_SIDE_SHARE) {
                    found.add(ExamCheck.notAssessed("tissue-side", String.format("%s: the file puts the chest wall on the %s, but "
                            + "%.0f%% of the tissue lies on the other half (a mislabelled view or a mirrored image)", view.label(),
                            image.chestWall().name().toLowerCase(java.util.Locale.ROOT), 100 * (1 - statedSide))));
                }
            }
            double height = (double) image.height() / preprocessing.downscale();
            double width = (double) image.width() / preprocessing.downscale();
            if (height < SMALLEST_SHARE * preprocessing.cropHeight() || width < SMALLEST_SHARE * preprocessing.cropWidth()) {
                found.add(ExamCheck.notAssessed("image-size", String.format("%s: %dx%d pixels%s, less than half of the %dx%d the "
                        + "model reads: the wrong scale or a part of the breast", view.label(), image.height(), image.width(),
                        preprocessing.downscale() > 1 ? " before down-scaling by " + preprocessing.downscale() : "",
                        preprocessing.cropHeight(), preprocessing.cropWidth())));
            }
        });
        return found;
    }
}
