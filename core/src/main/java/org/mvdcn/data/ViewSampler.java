package org.mvdcn.data;

import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Which image to use when an exam has several of one view (SPEC section 2): training and test
 * draw one uniformly each time the exam is used; validation always takes the earliest acquisition
 * (images without a time stamp after those with one), then the file name, so validation scores do
 * not move between epochs.
 */
public final class ViewSampler {

    private static final Comparator<ImageRecord> EARLIEST = Comparator
            .comparing(ImageRecord::acquiredAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(i -> i.path().getFileName().toString());

    private ViewSampler() {}

    public static ImageRecord pick(List<ImageRecord> images, Split split, Random rng) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images to choose from");
        }
        if (split == Split.VALIDATION) {
            return images.stream().min(EARLIEST).orElseThrow();
        }
        return images.get(images.size() == 1 ? 0 : rng.nextInt(images.size()));
    }
}
