package org.mvdcn.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The layers one view column runs for a given input size and width multiplier: the table of
 * SPEC section 1, cut short where a feature map becomes smaller than a 3x3 kernel (the paper's
 * lower-resolution models skip the remaining layers up to global average pooling).
 */
public record ColumnLayout(int inputHeight, int inputWidth, double widthMultiplier, List<Step> steps) {

    /** One operation of the column. */
    public sealed interface Step permits Conv, MaxPool, PadRight {}

    /** 3x3 valid convolution with bias, followed by ReLU; {@code index} is the reference's layer number. */
    public record Conv(int index, String name, int inChannels, int outChannels, int stride) implements Step {}

    /** Max-pool with kernel = stride = {@code size}, floor mode. */
    public record MaxPool(int size) implements Step {}

    /** Zero-pad the width by one column on the right (the reference's pad before pool3). */
    public record PadRight() implements Step {}

    private sealed interface Spec permits ConvSpec, PoolSpec, PadSpec {}

    private record ConvSpec(String name, int maps, int stride) implements Spec {}

    private record PoolSpec(int size) implements Spec {}

    private record PadSpec() implements Spec {}

    /** SPEC section 1, in order. */
    private static final List<Spec> PAPER_TABLE = List.of(
            new ConvSpec("conv1", 32, 2), new PoolSpec(3),
            new ConvSpec("conv2a", 64, 2), new ConvSpec("conv2b", 64, 1), new ConvSpec("conv2c", 64, 1),
            new PoolSpec(2),
            new ConvSpec("conv3a", 128, 1), new ConvSpec("conv3b", 128, 1), new ConvSpec("conv3c", 128, 1),
            new PadSpec(), new PoolSpec(2),
            new ConvSpec("conv4a", 128, 1), new ConvSpec("conv4b", 128, 1), new ConvSpec("conv4c", 128, 1),
            new PoolSpec(2),
            new ConvSpec("conv5a", 256, 1), new ConvSpec("conv5b", 256, 1), new ConvSpec("conv5c", 256, 1));

    public static final int KERNEL = 3;

    public ColumnLayout {
        steps = List.copyOf(steps);
    }

    /** The layout for inputs of {@code height x width}; {@code widthMultiplier} 1 is the paper's network. */
    public static ColumnLayout forInput(int height, int width, double widthMultiplier) {
        if (!(widthMultiplier > 0)) {
            throw new IllegalArgumentException("width multiplier must be positive, got " + widthMultiplier);
        }
        if (height < KERNEL || width < KERNEL) {
            throw new IllegalArgumentException("input " + height + "x" + width + " is smaller than one 3x3 kernel");
        }
        List<Step> steps = new ArrayList<>();
        int h = height;
        int w = width;
        int channels = 1;
        int convIndex = 0;
        for (Spec spec : PAPER_TABLE) {
            if (spec instanceof ConvSpec c) {
                if (h < KERNEL || w < KERNEL) {
                    break;
                }
                int out = scaledChannels(c.maps(), widthMultiplier);
                steps.add(new Conv(convIndex++, c.name(), channels, out, c.stride()));
                channels = out;
                h = (h - KERNEL) / c.stride() + 1;
                w = (w - KERNEL) / c.stride() + 1;
            } else if (spec instanceof PoolSpec p) {
                if (h < p.size() || w < p.size()) {
                    break;
                }
                steps.add(new MaxPool(p.size()));
                h /= p.size();
                w /= p.size();
            } else {
                steps.add(new PadRight());
                w += 1;
            }
        }
        return new ColumnLayout(height, width, widthMultiplier, steps);
    }

    /**
     * The width multiplier under which the first convolutions have {@code outChannels} maps (as a
     * weights file's shapes show them), or NaN when no multiplier gives them all. Each layer's
     * count allows an interval of multipliers (the counts are rounded); the simplest value in
     * their intersection is taken: the first layer's count over the paper's, where it fits.
     */
    public static double widthFor(int[] outChannels) {
        double low = 0;
        double high = Double.POSITIVE_INFINITY;
        List<ConvSpec> convs = PAPER_TABLE.stream().filter(ConvSpec.class::isInstance).map(ConvSpec.class::cast).toList();
        if (outChannels.length == 0 || outChannels.length > convs.size()) {
            return Double.NaN;
        }
        for (int i = 0; i < outChannels.length; i++) {
            double maps = convs.get(i).maps();
            // round(maps * w) == c  <=>  (c - 0.5) / maps <= w < (c + 0.5) / maps; c == 1 also takes every smaller w
            low = Math.max(low, outChannels[i] == 1 ? 0 : (outChannels[i] - 0.5) / maps);
            high = Math.min(high, (outChannels[i] + 0.5) / maps);
        }
        double simplest = outChannels[0] / (double) convs.get(0).maps();
        if (simplest >= low && simplest < high) {
            return simplest;
        }
        return low < high ? (low + high) / 2 : Double.NaN;
    }

    static int scaledChannels(int paperMaps, double widthMultiplier) {
        return Math.max(1, (int) Math.round(paperMaps * widthMultiplier));
    }

    /** The convolutions in order. */
    public List<Conv> convs() {
        return steps.stream().filter(Conv.class::isInstance).map(Conv.class::cast).toList();
    }

    /** Channels reaching global average pooling: the feature length of one view. */
    public int featureChannels() {
        List<Conv> convs = convs();
        return convs.isEmpty() ? 1 : convs.get(convs.size() - 1).outChannels();
    }
}
