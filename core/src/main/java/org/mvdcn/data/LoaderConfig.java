package org.mvdcn.data;

/**
 * How the loader schedules its work (what it prepares is the pipeline's business).
 *
 * @param batchSize exams per batch (4 in the paper)
 * @param threads background threads decoding and preprocessing
 * @param prefetch exams prepared ahead of the consumer (bounds memory)
 * @param testCrops crop sets per exam for the test split (10 in the paper)
 * @param skipBad log and skip an exam whose image cannot be read, instead of failing the job
 * @param seed seeds the order, the image choice and the crop noise
 */
public record LoaderConfig(int batchSize, int threads, int prefetch, int testCrops, boolean skipBad, long seed) {

    public LoaderConfig {
        if (batchSize < 1 || threads < 1 || prefetch < 1 || testCrops < 1) {
            throw new IllegalArgumentException("loader sizes must be positive");
        }
    }
}
