package org.mvdcn.model;

/**
 * What fixes the network's shape and its training-time regularisation.
 *
 * @param inputHeight crop height the columns see (2600 in the paper)
 * @param inputWidth crop width (2000 in the paper)
 * @param widthMultiplier channels scale; 1 is the paper's network
 * @param noiseStd std of the Gaussian noise added to the input while training (0.01)
 * @param dropoutRate dropout after each pooling layer and in the head, while training (0.2)
 * @param batchNorm batch normalisation after each convolution while training (not the paper's;
 *     folded into the convolutions outside training, see {@link ChannelNormalisation})
 */
public record NetworkConfig(int inputHeight, int inputWidth, double widthMultiplier, float noiseStd, float dropoutRate,
        boolean batchNorm) {

    public static final int PAPER_HEIGHT = 2600;
    public static final int PAPER_WIDTH = 2000;

    /** The paper's column: no batch normalisation. */
    public NetworkConfig(int inputHeight, int inputWidth, double widthMultiplier, float noiseStd, float dropoutRate) {
        this(inputHeight, inputWidth, widthMultiplier, noiseStd, dropoutRate, false);
    }

    /** The paper's network at full resolution. */
    public static NetworkConfig paper() {
        return new NetworkConfig(PAPER_HEIGHT, PAPER_WIDTH, 1.0, 0.01f, 0.2f);
    }

    public NetworkConfig withInput(int height, int width) {
        return new NetworkConfig(height, width, widthMultiplier, noiseStd, dropoutRate, batchNorm);
    }

    public NetworkConfig withWidth(double multiplier) {
        return new NetworkConfig(inputHeight, inputWidth, multiplier, noiseStd, dropoutRate, batchNorm);
    }

    public ColumnLayout columnLayout() {
        return ColumnLayout.forInput(inputHeight, inputWidth, widthMultiplier);
    }
}
