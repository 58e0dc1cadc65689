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
 * @param head what the head reads and is trained against (the paper's: the exam)
 */
public record NetworkConfig(int inputHeight, int inputWidth, double widthMultiplier, float noiseStd, float dropoutRate,
        boolean batchNorm, OutputHead head) {

    public NetworkConfig {
        head = head == null ? OutputHead.EXAM : head;
    }

    /** The paper's head. */
    public NetworkConfig(int inputHeight, int inputWidth, double widthMultiplier, float noiseStd, float dropoutRate,
            boolean batchNorm) {
        this(inputHeight, inputWidth, widthMultiplier, noiseStd, dropoutRate, batchNorm, OutputHead.EXAM);
    }

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
        return new NetworkConfig(height, width, widthMultiplier, noiseStd, dropoutRate, batchNorm, head);
    }

    public NetworkConfig withWidth(double multiplier) {
        return new NetworkConfig(inputHeight, inputWidth, multiplier, noiseStd, dropoutRate, batchNorm, head);
    }

    public NetworkConfig withHead(OutputHead kind) {
        return new NetworkConfig(inputHeight, inputWidth, widthMultiplier, noiseStd, dropoutRate, batchNorm, kind);
    }

    public ColumnLayout columnLayout() {
        return ColumnLayout.forInput(inputHeight, inputWidth, widthMultiplier);
    }
}
