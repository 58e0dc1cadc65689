package org.mvdcn.data;

/**
 * How the loader prepares exams.
 *
 * @param cropHeight crop height after down-scaling (2600 / downscale in the paper's setting)
 * @param cropWidth crop width after down-scaling
 * @param downscale 1, 2, 4 or 8: bicubic down-scaling before cropping (the resolution study)
 * @param batchSize exams per batch (4 in the paper)
 * @param threads background threads decoding and preprocessing
 * @param prefetch exams prepared ahead of the consumer (bounds memory)
 * @param testCrops crop sets per exam for the test split (10 in the paper)
 * @param skipBad log and skip an exam whose image cannot be read, instead of failing the job
 * @param seed seeds the order, the image choice and the crop noise, per epoch and exam
 */
public record LoaderConfig(int cropHeight, int cropWidth, int downscale, int batchSize, int threads, int prefetch,
        int testCrops, boolean skipBad, long seed) {

    public LoaderConfig {
        if (cropHeight < 1 || cropWidth < 1 || downscale < 1 || batchSize < 1 || threads < 1 || prefetch < 1 || testCrops < 1) {
            throw new IllegalArgumentException("loader sizes must be positive");
        }
    }

    /** Crop translation bound, scaled with the image (100 px at full resolution). */
    int maxShift() {
        return Math.max(1, org.mvdcn.preprocess.CropPlacement.MAX_SHIFT / downscale);
    }
}
