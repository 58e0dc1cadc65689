package org.mvdcn.train;

/**
 * Everything that decides how a model is trained; recorded whole in the run's provenance.
 * Defaults are the paper's (SPEC section 4).
 *
 * @param epochs maximum epochs (100)
 * @param batch exams per mini-batch (4)
 * @param learningRate Adam's learning rate (1e-5)
 * @param width channel multiplier (1)
 * @param cropHeight crop height, pixels after down-scaling (2600)
 * @param cropWidth crop width (2000)
 * @param downscale integer down-scaling of the images before cropping (1; the resolution study uses 2, 4, 8)
 * @param fraction share of the training patients used (1; the data-size study uses 0.1 .. 1)
 * @param noiseStd input noise while training (0.01)
 * @param dropout dropout after each pooling layer and in the head (0.2)
 * @param seed every random choice derives from it
 * @param threads loader threads
 * @param skipBad skip exams with unreadable images instead of stopping
 */
public record TrainingOptions(int epochs, int batch, float learningRate, double width, int cropHeight, int cropWidth,
        int downscale, double fraction, float noiseStd, float dropout, long seed, int threads, boolean skipBad) {

    public static TrainingOptions paper() {
        return new TrainingOptions(100, 4, 1e-5f, 1.0, 2600, 2000, 1, 1.0, 0.01f, 0.2f, 1, 1, false);
    }

    /** The same options with another epoch budget (extending a finished run). */
    public TrainingOptions withEpochs(int total) {
        return new TrainingOptions(total, batch, learningRate, width, cropHeight, cropWidth, downscale, fraction, noiseStd, dropout,
                seed, threads, skipBad);
    }

    public TrainingOptions {
        if (epochs < 1 || batch < 1 || !(learningRate > 0) || !(width > 0) || cropHeight < 3 || cropWidth < 3
                || downscale < 1 || !(fraction > 0 && fraction <= 1) || threads < 1) {
            throw new IllegalArgumentException("invalid training options: " + this);
        }
    }
}
